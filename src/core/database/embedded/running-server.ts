import { Logger } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A setting that the app passes to the server it starts (`-c sales_api.app_pid=<pid>`),
 * so that the server's command line names its app. While that app lives it is
 * the server's parent; once the app is gone, the server has been handed to another.
 */
export const APP_PID_SETTING = 'sales_api.app_pid';

/** A fast shutdown checkpoints first; on a small cluster that takes seconds. */
const ORPHAN_STOP_TIMEOUT_MS = 120_000;

/** The first two lines of postmaster.pid: the server's pid and its data directory. */
export interface LockFile {
  pid: number;
  dataDir: string;
}

export interface ProcessInfo {
  ppid: number;
  /** The arguments joined by spaces. */
  command: string;
}

export type RunningServer =
  | { kind: 'none' }
  | { kind: 'orphan'; pid: number; command: string; appPid?: number }
  | { kind: 'in-use'; pid: number; parent: number };

export function parseLockFile(text: string): LockFile | undefined {
  const [pid, dataDir] = text.split('\n');
  const parsed = Number(pid);
  return Number.isInteger(parsed) && parsed > 0 && dataDir ? { pid: parsed, dataDir } : undefined;
}

/** /proc/<pid>/stat: `pid (comm) state ppid …`, where comm may hold spaces and brackets. */
export function parseProcStat(text: string): { state: string; ppid: number } {
  const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

/**
 * Whether a server runs on the cluster, and for whom. Only a process that is a
 * server of this very cluster counts: for a lock file whose process is gone,
 * or whose pid now belongs to something else, PostgreSQL judges itself.
 */
export function judgeRunningServer(
  clusterDir: string,
  lock: LockFile | undefined,
  server: ProcessInfo | undefined,
): RunningServer {
  if (!lock || lock.dataDir !== clusterDir || !server) return { kind: 'none' };
  if (!` ${server.command} `.includes(` -D ${clusterDir} `)) return { kind: 'none' };
  const prefix = `${APP_PID_SETTING}=`;
  const recorded = server.command.split(' ').find((arg) => arg.startsWith(prefix));
  const appPid = recorded === undefined ? undefined : Number(recorded.slice(prefix.length));
  // A server from before apps recorded themselves: its parent being init is the only sure sign.
  const inUse = appPid === undefined ? server.ppid !== 1 : server.ppid === appPid;
  return inUse
    ? { kind: 'in-use', pid: lock.pid, parent: server.ppid }
    : { kind: 'orphan', pid: lock.pid, command: server.command, appPid };
}

/**
 * A server left running by an app that died without stopping it (kill -9, an
 * OOM kill) still holds the cluster. It gets a fast shutdown, as `pg_ctl stop
 * -m fast` would send, and we wait for it to exit: never SIGKILL, which would
 * leave the cluster to crash recovery. A server whose app still runs is left alone.
 */
export async function stopServerLeftRunning(clusterDir: string, logger: Logger): Promise<void> {
  const lock = readLockFile(clusterDir);
  const running = judgeRunningServer(clusterDir, lock, lock && describeProcess(lock.pid));
  if (running.kind === 'in-use') {
    throw new Error(
      `PostgreSQL (pid ${running.pid}) is already running on ${clusterDir} for process ` +
        `${running.parent}, which is still running: stop that app first, or give this one another ` +
        `DATA_DIR (to stop the server alone: kill -INT ${running.pid})`,
    );
  }
  if (running.kind === 'none') return;
  const tookMs = await fastShutdown(running.pid, running.command, clusterDir);
  const app = running.appPid === undefined ? 'an app' : `its app (pid ${running.appPid})`;
  logger.warn(
    `Stopped PostgreSQL (pid ${running.pid}), left running on ${clusterDir} after ${app} ` +
      `died without stopping it; fast shutdown took ${tookMs} ms; starting it again`,
  );
}

function readLockFile(clusterDir: string): LockFile | undefined {
  try {
    return parseLockFile(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Waits while the pid still runs that command: a pid is reused once its process is gone. */
async function fastShutdown(pid: number, command: string, clusterDir: string): Promise<number> {
  const started = Date.now();
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  while (describeProcess(pid)?.command === command) {
    if (Date.now() - started > ORPHAN_STOP_TIMEOUT_MS) {
      throw new Error(
        `PostgreSQL (pid ${pid}) on ${clusterDir} has not finished its fast shutdown after ` +
          `${ORPHAN_STOP_TIMEOUT_MS / 1000} s; wait until it exits (ps -p ${pid}), then start again`,
      );
    }
    await sleep(100);
  }
  return Date.now() - started;
}

/** The parent and command line of a live process; undefined once it has exited. */
function describeProcess(pid: number): ProcessInfo | undefined {
  try {
    return process.platform === 'linux' ? fromProcFs(pid) : fromPs(pid);
  } catch {
    return undefined;
  }
}

function fromProcFs(pid: number): ProcessInfo | undefined {
  const { state, ppid } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  // A zombie has exited; only its parent has not collected it yet.
  if (state === 'Z') return undefined;
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  return { ppid, command };
}

function fromPs(pid: number): ProcessInfo | undefined {
  const output = execFileSync('ps', ['-o', 'ppid=', '-o', 'stat=', '-o', 'args=', '-p', `${pid}`], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
  const [ppid, state, ...args] = output.trim().split(/\s+/);
  return state.startsWith('Z') ? undefined : { ppid: Number(ppid), command: args.join(' ') };
}
