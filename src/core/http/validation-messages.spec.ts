import 'reflect-metadata';
import {
  getMetadataStorage,
  Max,
  MaxLength,
  ValidationError,
  ValidationTypes,
} from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHINESE_CONSTRAINT_TEXTS, firstFailure } from './validation-messages';

const SRC = join(__dirname, '..', '..');

/** What class-validator keeps of each declared constraint (not part of its typed API). */
interface Declaration {
  type: string;
  name?: string;
  target: { name: string };
  propertyName: string;
  context?: { zh?: unknown };
  each?: boolean;
  constraintCls: new () => { constructor: { name: string } };
}

function declarations(): Declaration[] {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, Declaration[]>;
    constraintMetadatas: Map<unknown, { name: string }[]>;
  };
  return [...storage.validationMetadatas.values()].flat().map((declaration) => ({
    ...declaration,
    name: declaration.name ?? storage.constraintMetadatas.get(declaration.constraintCls)?.[0]?.name,
  }));
}

/** The key of a declaration in error.constraints, for the kinds that produce messages. */
function constraintName(declaration: Declaration): string | undefined {
  switch (declaration.type) {
    case ValidationTypes.CUSTOM_VALIDATION:
      return declaration.name;
    case ValidationTypes.NESTED_VALIDATION:
    case ValidationTypes.IS_DEFINED:
      return declaration.type;
    default:
      return undefined;
  }
}

describe('validation messages', () => {
  beforeAll(() => {
    const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.dto.ts'),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const file of files) require(join(SRC, file));
  });

  it('have a Chinese text for every constraint a DTO declares', () => {
    const untranslated = declarations()
      .filter((declaration) => typeof declaration.context?.zh !== 'string')
      .filter((declaration) => {
        const name = constraintName(declaration);
        return name !== undefined && !(name in CHINESE_CONSTRAINT_TEXTS);
      })
      .map((d) => `${d.target.name}.${d.propertyName}: ${constraintName(d)}`);
    expect(declarations().length).toBeGreaterThan(100);
    expect(untranslated).toEqual([]);
  });

  it('come from IsArray first on every list property, so "ab" is told it is not an array', () => {
    const all = declarations();
    const key = (d: Declaration) => `${d.target.name}.${d.propertyName}`;
    const arrays = new Set(all.filter((d) => d.name === 'isArray').map(key));
    const lists = new Set(all.filter((d) => d.each).map(key));
    expect(lists.size).toBeGreaterThan(5);
    expect([...lists].filter((list) => !arrays.has(list))).toEqual([]);
  });

  it('speak Chinese with the arguments the constraint was declared with', () => {
    class Page {
      @Max(500) limit: number;
      @MaxLength(30, { each: true }) tags: string[];
    }
    const failed = (property: string, value: unknown, constraints: Record<string, string>) =>
      Object.assign(new ValidationError(), { property, value, target: new Page(), constraints });
    expect(
      firstFailure(failed('limit', 900, { max: 'limit must not be greater than 500' })),
    ).toEqual({
      en: 'limit must not be greater than 500',
      zh: 'limit 不能大于 500',
    });
    expect(firstFailure(failed('tags', ['x'.repeat(31)], { maxLength: 'too long' })).zh).toBe(
      'tags 中的每一项最多 30 个字符',
    );
  });
});
