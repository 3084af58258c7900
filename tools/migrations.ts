/**
 * Migration tooling without the TypeORM CLI's guesswork:
 *   generate <PascalCaseVerbNoun>  migrate a scratch database, diff it against the entities,
 *                                  and write migrations/<timestamp>-<Name>.ts
 *   check                          fail (exit 1) if the entities need a migration that is missing
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from '../src/core/database/typeorm-options';
import { withScratchDatabase } from './scratch-database';

interface SchemaDiff {
  up: string[];
  down: string[];
}

async function diffSchema(url: string): Promise<SchemaDiff> {
  const dataSource = await new DataSource({ ...typeOrmOptions(url), logging: false }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const log = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((query) => query.query),
      down: log.downQueries.reverse().map((query) => query.query),
    };
  } finally {
    await dataSource.destroy();
  }
}

const statements = (queries: string[]) =>
  queries.map((query) => `    await queryRunner.query(${JSON.stringify(query)});`).join('\n');

function writeMigration(name: string, diff: SchemaDiff): string {
  const timestamp = Date.now();
  const file = join(__dirname, '..', 'migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${statements(diff.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${statements(diff.down)}
  }
}
`,
  );
  return file;
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'generate' && name && /^[A-Z][A-Za-z0-9]+$/.test(name)) {
    const diff = await withScratchDatabase(diffSchema);
    if (!diff.up.length)
      return console.log('The entities match the migrations; nothing to generate.');
    console.log(`Wrote ${writeMigration(name, diff)}; review it before you commit.`);
  } else if (command === 'check') {
    const diff = await withScratchDatabase(diffSchema);
    if (diff.up.length) {
      console.error(`Migration drift: the entities need these statements:\n${diff.up.join(';\n')}`);
      process.exit(1);
    }
    console.log('No migration drift.');
  } else {
    console.error('usage: migrations generate <PascalCaseVerbNoun> | migrations check');
    process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
