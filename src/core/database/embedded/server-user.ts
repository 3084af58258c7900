import { Logger } from '@nestjs/common';
import { execFileSync } from 'node:child_process';

/** The unprivileged account the server runs as when this process is root. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

const SERVER_USER_NAME = 'postgres';

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user, created here if the machine has none (a fresh
 * container). Anyone else runs the server as themselves: undefined.
 */
export function serverUser(logger: Logger): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return findUser(SERVER_USER_NAME) ?? createSystemUser(SERVER_USER_NAME, logger);
}

function findUser(name: string): ServerUser | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }));
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

function createSystemUser(name: string, logger: Logger): ServerUser {
  try {
    execFileSync('groupadd', ['--force', '--system', name], { stdio: 'pipe' });
    execFileSync(
      'useradd',
      ['--system', '--gid', name, '--home-dir', '/var/lib/postgresql', '--no-create-home', name],
      { stdio: 'pipe' },
    );
  } catch (error) {
    // Another app starting at the same moment may have created it first.
    const user = findUser(name);
    if (user) return user;
    throw new Error(
      `PostgreSQL cannot run as root, and creating a "${name}" system user to run it failed ` +
        `(${String((error as { stderr?: unknown }).stderr ?? error).trim()}). ` +
        `Create that user (useradd --system ${name}), or run the app as an ordinary user.`,
    );
  }
  logger.log(
    `Created the system user "${name}" to run the embedded PostgreSQL as (it refuses root)`,
  );
  return findUser(name)!;
}
