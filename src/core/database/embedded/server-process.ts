import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PostgresBinaries } from './binaries';
import { APP_PID_SETTING } from './running-server';
import { ServerUser } from './server-user';

/** How to run the binaries on one cluster. */
export interface Launch {
  binaries: PostgresBinaries;
  /** Who runs them: this process's user when undefined. */
  user?: ServerUser;
  clusterDir: string;
  superuser: string;
}

export interface ServerProcess {
  pid: number;
  /** A fast shutdown (SIGINT), resolved once the server has exited. */
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';

/** The last lines of a child's output, to explain a failure. */
class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';
  onLine?: (line: string) => void;

  attach(child: ChildProcess): void {
    child.stdout!.on('data', (chunk: Buffer) => this.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.push(chunk));
  }

  private push(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      this.lines.push(line);
      if (this.lines.length > 20) this.lines.shift();
      this.onLine?.(line);
    }
  }

  text(): string {
    return [...this.lines, this.partial].filter(Boolean).join('\n');
  }
}

/**
 * Runs one of the binaries as the server's user. Its working directory is
 * beside the cluster, which that user can reach, unlike, maybe, our own.
 */
function spawnBinary(launch: Launch, file: string, args: string[], tail: OutputTail): ChildProcess {
  const child = spawn(file, args, {
    cwd: dirname(launch.clusterDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(launch.user && { uid: launch.user.uid, gid: launch.user.gid }),
  });
  tail.attach(child);
  return child;
}

/** initdb with password authentication; the password passes through a file only the server's user may read. */
export async function initialiseCluster(launch: Launch, password: string): Promise<void> {
  const passwordFile = join(dirname(launch.clusterDir), '.initdb-password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (launch.user) chownSync(passwordFile, launch.user.uid, launch.user.gid);
  const tail = new OutputTail();
  try {
    const child = spawnBinary(
      launch,
      launch.binaries.initdb,
      [
        `--pgdata=${launch.clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${launch.superuser}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--lc-messages=C',
      ],
      tail,
    );
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    if (code !== 0) {
      throw new Error(
        `initdb failed (${signal ?? `exit code ${code}`}) on ${launch.clusterDir}. Last output:\n${tail.text()}`,
      );
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * Starts the server on loopback only, with no unix socket (so servers on other
 * clusters never collide), and resolves once it accepts connections. Messages
 * are in English, whatever the cluster's locale, so that readiness can be read.
 *
 * If this process exits without stopping the server (an uncaught error), its
 * 'exit' hook still asks the server for a fast shutdown. Nothing runs on
 * SIGKILL: the next start finds the server through its lock file.
 */
export async function startServer(
  launch: Launch,
  port: number,
  logger: Logger,
): Promise<ServerProcess> {
  const tail = new OutputTail();
  const child = spawnBinary(
    launch,
    launch.binaries.postgres,
    [
      ...['-D', launch.clusterDir, '-p', `${port}`],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'lc_messages=C', '-c', `${APP_PID_SETTING}=${process.pid}`],
    ],
    tail,
  );
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', stopOnExit);
      resolve();
    }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      tail.onLine = (line) => {
        if (line.includes(READY)) resolve();
      };
      child.on('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`it exited (${signal ?? `code ${code}`})`)),
      );
    });
  } catch (error) {
    process.off('exit', stopOnExit);
    throw new Error(
      `Embedded PostgreSQL failed to start on 127.0.0.1:${port} with its cluster in ` +
        `${launch.clusterDir}: ${(error as Error).message}. Last output:\n${tail.text()}`,
    );
  }
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    logger.error(
      `Embedded PostgreSQL (pid ${child.pid}) exited on its own (${signal ?? `code ${code}`}). ` +
        `Last output:\n${tail.text()}`,
    );
  });
  return {
    pid: child.pid!,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
