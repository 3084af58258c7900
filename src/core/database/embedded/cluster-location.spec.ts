import { firstBlockingDir, placeCluster } from './cluster-location';

describe('placeCluster', () => {
  it('keeps a cluster where DATA_DIR/postgres links to, whoever can reach DATA_DIR', () => {
    expect(placeCluster({ linkTarget: '/var/lib/x/pgdata', hasClusterInDataDir: true })).toEqual({
      kind: 'linked',
      target: '/var/lib/x/pgdata',
    });
    expect(
      placeCluster({ linkTarget: '/v/pgdata', hasClusterInDataDir: false, blockedBy: '/root' }),
    ).toEqual({ kind: 'linked', target: '/v/pgdata' });
  });

  it('puts the cluster in DATA_DIR when the server can reach it, new or not', () => {
    expect(placeCluster({ hasClusterInDataDir: false })).toEqual({ kind: 'in-data-dir' });
    expect(placeCluster({ hasClusterInDataDir: true })).toEqual({ kind: 'in-data-dir' });
  });

  it('relocates a new cluster that the server could not reach in DATA_DIR', () => {
    expect(placeCluster({ hasClusterInDataDir: false, blockedBy: '/root' })).toEqual({
      kind: 'relocate',
      blockedBy: '/root',
    });
  });

  it('never moves an existing cluster that has become unreachable', () => {
    expect(placeCluster({ hasClusterInDataDir: true, blockedBy: '/root' })).toEqual({
      kind: 'unreachable',
      blockedBy: '/root',
    });
  });
});

describe('firstBlockingDir', () => {
  const postgres = { name: 'postgres', uid: 101, gid: 104 };
  const root = (path: string, mode: number) => ({ path, mode, uid: 0, gid: 0 });

  it('names the topmost directory that others may not enter', () => {
    const dirs = [root('/', 0o755), root('/root', 0o700), root('/root/app', 0o700)];
    expect(firstBlockingDir(dirs, postgres)).toBe('/root');
  });

  it('lets through directories open for traversal only', () => {
    expect(firstBlockingDir([root('/', 0o755), root('/srv', 0o711)], postgres)).toBeUndefined();
  });

  it("uses the owner's bits for the owner and the group's for the group, as the kernel does", () => {
    expect(
      firstBlockingDir([{ path: '/p', mode: 0o700, uid: 101, gid: 0 }], postgres),
    ).toBeUndefined();
    expect(
      firstBlockingDir([{ path: '/g', mode: 0o750, uid: 0, gid: 104 }], postgres),
    ).toBeUndefined();
    // The owner class decides for the owner, even when others may enter.
    expect(firstBlockingDir([{ path: '/o', mode: 0o055, uid: 101, gid: 0 }], postgres)).toBe('/o');
  });
});
