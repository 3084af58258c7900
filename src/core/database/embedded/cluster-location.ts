import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { Logger } from '@nestjs/common';
import { basename, dirname, join, resolve } from 'node:path';
import { ServerUser } from './server-user';
import { makeSharedDirs, SHARED_ROOT } from './shared-root';

/** DATA_DIR/postgres: the cluster itself, or a link to where root keeps it. */
const CLUSTER_ENTRY = 'postgres';
/** Root keeps each relocated cluster in a folder of its own here, beside a record of its DATA_DIR. */
const CLUSTERS_ROOT = join(SHARED_ROOT, 'clusters');
const DATA_DIR_RECORD = 'data-dir';

export interface ClusterLocation {
  /** PGDATA: a real directory (never the link), owned by the server's user. */
  dir: string;
  /** Where it lives, and why there, for the log. */
  description: string;
  /** Deletes the cluster and any link to it; for throw-away clusters, once stopped. */
  remove(): void;
}

/** What the disk says about DATA_DIR; `placeCluster` decides from it. */
export interface ClusterFacts {
  /** DATA_DIR/postgres is a symbolic link to here. */
  linkTarget?: string;
  /** DATA_DIR/postgres is a cluster. */
  hasClusterInDataDir: boolean;
  /** The first directory above DATA_DIR that the server's user cannot enter (root only). */
  blockedBy?: string;
}

export type ClusterPlacement =
  | { kind: 'in-data-dir' }
  | { kind: 'linked'; target: string }
  | { kind: 'relocate'; blockedBy: string }
  | { kind: 'unreachable'; blockedBy: string };

/**
 * A cluster stays where it was first made, so its data never seems to vanish.
 * A new one goes in DATA_DIR when the server's user can reach it there, and
 * otherwise to a root-owned folder, linked from DATA_DIR.
 */
export function placeCluster(facts: ClusterFacts): ClusterPlacement {
  if (facts.linkTarget) return { kind: 'linked', target: facts.linkTarget };
  if (!facts.blockedBy) return { kind: 'in-data-dir' };
  return facts.hasClusterInDataDir
    ? { kind: 'unreachable', blockedBy: facts.blockedBy }
    : { kind: 'relocate', blockedBy: facts.blockedBy };
}

export interface DirectoryAccess {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

/** The topmost of `dirs` that `user` may not enter: the owner's bits, else the group's, else the others'. */
export function firstBlockingDir(dirs: DirectoryAccess[], user: ServerUser): string | undefined {
  const mayEnter = (dir: DirectoryAccess) => {
    const bit = dir.uid === user.uid ? 0o100 : dir.gid === user.gid ? 0o010 : 0o001;
    return (dir.mode & bit) !== 0;
  };
  return dirs.find((dir) => !mayEnter(dir))?.path;
}

/** Where the cluster of `dataDir` (a real path) lives, creating its directory if it is new. */
export function locateCluster(
  dataDir: string,
  user: ServerUser | undefined,
  logger: Logger,
): ClusterLocation {
  const entry = join(dataDir, CLUSTER_ENTRY);
  const placement = placeCluster({
    linkTarget: readLink(entry),
    hasClusterInDataDir: existsSync(join(entry, 'PG_VERSION')),
    blockedBy: user && firstBlockingDir(ancestorsOf(dataDir), user),
  });
  switch (placement.kind) {
    case 'in-data-dir':
      return clusterInDataDir(dataDir, user);
    case 'linked':
      return linkedCluster(entry, resolve(dataDir, placement.target));
    case 'relocate':
      return relocatedCluster(dataDir, user!, placement.blockedBy, logger);
    case 'unreachable':
      throw new Error(
        `The cluster in ${entry} was made when the "${user!.name}" user could reach it, and now it ` +
          `cannot enter ${placement.blockedBy}. Run: chmod o+x ${placement.blockedBy}`,
      );
  }
}

function readLink(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** '/', '/a', '/a/b' for '/a/b/data'. */
function ancestorsOf(dir: string): DirectoryAccess[] {
  const paths: string[] = [];
  for (let path = dirname(dir); !paths.includes(path); path = dirname(path)) paths.unshift(path);
  return paths.map((path) => {
    const { mode, uid, gid } = statSync(path);
    return { path, mode, uid, gid };
  });
}

function clusterInDataDir(dataDir: string, user: ServerUser | undefined): ClusterLocation {
  const dir = join(dataDir, CLUSTER_ENTRY);
  // The server's user needs to pass through DATA_DIR, not to list it or read our files there.
  if (user) chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  makeClusterDir(dir, user);
  return {
    dir,
    description: user ? `${dir}, which "${user.name}" can reach` : dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function linkedCluster(link: string, dir: string): ClusterLocation {
  if (!existsSync(dir)) {
    throw new Error(
      `${link} links to the cluster ${dir}, which is gone (was it on a container's own disk?). ` +
        `Bring it back, or remove the link to start on an empty database: rm ${link}`,
    );
  }
  // A folder of ours holds the cluster and its record; anything else is the cluster alone.
  const home = dirname(dir);
  const ours = dirname(home) === CLUSTERS_ROOT;
  return {
    dir,
    description: `${dir}, linked from ${link}`,
    remove: () => {
      rmSync(ours ? home : dir, { recursive: true, force: true });
      rmSync(link, { force: true });
    },
  };
}

/**
 * A folder per cluster with a random name, recorded as this DATA_DIR's by the
 * link: removing DATA_DIR to start over gives a new cluster, and two DATA_DIRs
 * never share one.
 */
function relocatedCluster(
  dataDir: string,
  user: ServerUser,
  blockedBy: string,
  logger: Logger,
): ClusterLocation {
  const link = join(dataDir, CLUSTER_ENTRY);
  // An empty directory there is what a failed start of an earlier version left.
  if (existsSync(link)) rmdirSync(link);
  warnOfEarlierClusters(dataDir, logger);
  makeSharedDirs(CLUSTERS_ROOT);
  const home = mkdtempSync(join(CLUSTERS_ROOT, `${basename(dataDir).replace(/[^\w.-]/g, '_')}-`));
  chmodSync(home, 0o755);
  writeFileSync(join(home, DATA_DIR_RECORD), `${dataDir}\n`);
  const dir = join(home, 'pgdata');
  makeClusterDir(dir, user);
  symlinkSync(dir, link);
  const location = linkedCluster(link, dir);
  return {
    ...location,
    description: `${location.description}, since "${user.name}" cannot enter ${blockedBy}`,
  };
}

function makeClusterDir(dir: string, user: ServerUser | undefined): void {
  if (existsSync(dir)) return;
  mkdirSync(dir);
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
}

/** Clusters this DATA_DIR had before it was removed: kept, since only a person can know they are unwanted. */
function warnOfEarlierClusters(dataDir: string, logger: Logger): void {
  if (!existsSync(CLUSTERS_ROOT)) return;
  const earlier = readdirSync(CLUSTERS_ROOT)
    .map((name) => join(CLUSTERS_ROOT, name))
    .filter((home) => recordedDataDir(home) === dataDir);
  if (earlier.length === 0) return;
  logger.warn(
    `Earlier clusters of ${dataDir} remain, no longer linked from it: ${earlier.join(', ')}. ` +
      `If you removed DATA_DIR to start over, delete them: rm -rf ${earlier.join(' ')}`,
  );
}

function recordedDataDir(home: string): string | undefined {
  try {
    return readFileSync(join(home, DATA_DIR_RECORD), 'utf8').trim();
  } catch {
    return undefined;
  }
}
