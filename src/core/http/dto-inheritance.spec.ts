import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/*
 * ARCHITECTURE.md rule 12: DTOs derive from one another with PartialType,
 * PickType or OmitType, never by redeclaring an inherited property. A parent's
 * conditional validator (@ValidateIf, @IsOptional) still applies to the child's
 * redeclared property and skips every validator of it, so a "required" field
 * of the child silently becomes optional (POST /customers without a name
 * reached the database). This test loads every DTO and fails on any class
 * that adds validators to a property its parent already validates.
 */

const SRC = join(__dirname, '..', '..');

type ValidatedClass = abstract new (...args: never[]) => unknown;

/** Validation metadata by class, as class-validator keeps it (not part of its typed API). */
function validatedClasses(): Map<ValidatedClass, { propertyName: string }[]> {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<ValidatedClass, { propertyName: string }[]>;
  };
  return storage.validationMetadatas;
}

/** Properties that `type` validates itself and an ancestor validates too. */
function redeclaredProperties(
  type: ValidatedClass,
  all: Map<ValidatedClass, { propertyName: string }[]>,
): string[] {
  const own = new Set((all.get(type) ?? []).map((metadata) => metadata.propertyName));
  const inherited = new Set<string>();
  for (
    let ancestor = Object.getPrototypeOf(type) as ValidatedClass | null;
    ancestor && ancestor !== Function.prototype;
    ancestor = Object.getPrototypeOf(ancestor) as ValidatedClass | null
  ) {
    for (const metadata of all.get(ancestor) ?? []) inherited.add(metadata.propertyName);
  }
  return [...own].filter((property) => inherited.has(property));
}

describe('DTO inheritance', () => {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.dto.ts'),
  );

  beforeAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const file of files) require(join(SRC, file));
  });

  it('loads the DTOs of every module', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(validatedClasses().size).toBeGreaterThan(10);
  });

  it('never redeclares a validated property of a parent class', () => {
    const all = validatedClasses();
    const offenders = [...all.keys()].flatMap((type) =>
      redeclaredProperties(type, all).map((property) => `${type.name}.${property}`),
    );
    expect(offenders).toEqual([]);
  });

  it('would catch the pattern it guards against', () => {
    class Parent {}
    class Child extends Parent {}
    const fake = new Map<ValidatedClass, { propertyName: string }[]>([
      [Parent, [{ propertyName: 'name' }]],
      [Child, [{ propertyName: 'name' }, { propertyName: 'phone' }]],
    ]);
    expect(redeclaredProperties(Child, fake)).toEqual(['name']);
  });
});
