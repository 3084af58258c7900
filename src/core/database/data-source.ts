import { DataSource } from 'typeorm';
import { typeOrmOptions } from './typeorm-options';

/**
 * The data source for the TypeORM CLI (`npm run typeorm -- migration:show`, ...).
 * It needs DATABASE_URL; `npm run migration:generate` works without one.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to use the TypeORM CLI');

export default new DataSource(typeOrmOptions(url));
