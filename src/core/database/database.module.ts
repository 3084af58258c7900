import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withSessionLock } from './advisory-lock';
import { trackConnections } from './pool-connections';
import { TransactionHost } from './transaction-host';
import { typeOrmOptions } from './typeorm-options';

/**
 * Connects to PostgreSQL and applies pending migrations before any other
 * provider can touch the database. Replicas starting together take turns.
 */
async function connectAndMigrate(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  trackConnections(dataSource);
  const applied = await withSessionLock(dataSource, 'schema-migrations', () =>
    dataSource.runMigrations({ transaction: 'each' }),
  );
  if (applied.length) {
    new Logger('Database').log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }
  return dataSource;
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => typeOrmOptions(config.databaseUrl),
      dataSourceFactory: (options) => connectAndMigrate(options as DataSourceOptions),
    }),
  ],
  providers: [TransactionHost],
  exports: [TransactionHost],
})
export class DatabaseModule {}
