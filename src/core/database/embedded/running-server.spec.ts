import { judgeRunningServer, parseLockFile, parseProcStat } from './running-server';

describe('parseLockFile', () => {
  it("reads the server's pid and data directory from postmaster.pid", () => {
    const text = '4242\n/var/lib/c/pgdata\n1765000000\n5432\n\n127.0.0.1\n  1234  5678\nready   \n';
    expect(parseLockFile(text)).toEqual({ pid: 4242, dataDir: '/var/lib/c/pgdata' });
  });

  it('ignores a file cut short or garbled', () => {
    expect(parseLockFile('')).toBeUndefined();
    expect(parseLockFile('4242')).toBeUndefined();
    expect(parseLockFile('x\n/d\n')).toBeUndefined();
  });
});

describe('parseProcStat', () => {
  it('finds the state and parent after a command name holding spaces and brackets', () => {
    expect(parseProcStat('77 (post (gres) x) S 1 77 77 0 -1 4194560')).toEqual({
      state: 'S',
      ppid: 1,
    });
  });
});

describe('judgeRunningServer', () => {
  const dir = '/var/lib/sales-api/clusters/data-x/pgdata';
  const lock = { pid: 500, dataDir: dir };
  const command = (extra = '') =>
    `/v/bin/postgres -D ${dir} -p 4000 -c listen_addresses=127.0.0.1${extra}`;

  it('finds an orphan: the app that started the server is no longer its parent', () => {
    const server = { ppid: 1, command: command(' -c sales_api.app_pid=321') };
    expect(judgeRunningServer(dir, lock, server)).toEqual({
      kind: 'orphan',
      pid: 500,
      command: server.command,
      appPid: 321,
    });
    // Adopted by a subreaper rather than init: still an orphan.
    expect(judgeRunningServer(dir, lock, { ...server, ppid: 77 })).toMatchObject({
      kind: 'orphan',
    });
  });

  it('leaves alone a server whose app is alive, naming the app', () => {
    const server = { ppid: 321, command: command(' -c sales_api.app_pid=321') };
    expect(judgeRunningServer(dir, lock, server)).toEqual({
      kind: 'in-use',
      pid: 500,
      parent: 321,
    });
  });

  it('treats a server that names no app as an orphan only once init has adopted it', () => {
    expect(judgeRunningServer(dir, lock, { ppid: 1, command: command() })).toEqual({
      kind: 'orphan',
      pid: 500,
      command: command(),
      appPid: undefined,
    });
    expect(judgeRunningServer(dir, lock, { ppid: 900, command: command() })).toEqual({
      kind: 'in-use',
      pid: 500,
      parent: 900,
    });
  });

  it('leaves to PostgreSQL a lock file whose process is gone or is not this cluster', () => {
    expect(judgeRunningServer(dir, undefined, undefined)).toEqual({ kind: 'none' });
    expect(judgeRunningServer(dir, lock, undefined)).toEqual({ kind: 'none' });
    // The pid now belongs to something else, e.g. after a reboot.
    expect(judgeRunningServer(dir, lock, { ppid: 1, command: 'node dist/src/main.js' })).toEqual({
      kind: 'none',
    });
    // A server of another cluster whose path starts alike.
    const other = { ppid: 1, command: `/v/bin/postgres -D ${dir}2 -p 4000` };
    expect(judgeRunningServer(dir, lock, other)).toEqual({ kind: 'none' });
    // A lock file copied from another cluster.
    expect(judgeRunningServer(dir, { pid: 500, dataDir: '/elsewhere' }, other)).toEqual({
      kind: 'none',
    });
  });
});
