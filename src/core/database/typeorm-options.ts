import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmLogger } from './typeorm-logger';

const PROJECT_ROOT = join(__dirname, '..', '..', '..');

/** A statement that takes this long is logged as slow, with its SQL and never its parameters. */
export const SLOW_QUERY_MS = 2000;

/**
 * One definition of the connection, shared by the app, the TypeORM CLI data
 * source and the migration tools. Paths work from src (ts) and dist (js) alike.
 */
export function typeOrmOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(PROJECT_ROOT, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(PROJECT_ROOT, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logger: new TypeOrmLogger(['error', 'warn', 'migration', 'schema']),
    maxQueryExecutionTime: SLOW_QUERY_MS,
    extra: { max: 20, application_name: 'sales-api' },
  };
}
