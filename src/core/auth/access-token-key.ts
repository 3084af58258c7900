import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

const SECRET_NAME = 'access-token-hmac';

/**
 * The HMAC key that signs and verifies access tokens, made once at boot: a
 * KeyObject, because given a string the JWT library builds one (after first
 * trying it as a PEM public key) on every verification.
 *
 * JWT_SECRET when set; otherwise a secret generated once and kept in the
 * database, so that replicas sharing the database agree on tokens without
 * sharing a disk. The first replica to boot writes it; the rest read it.
 */
export async function accessTokenKey(
  config: AppConfig,
  dataSource: DataSource,
): Promise<KeyObject> {
  return createSecretKey(Buffer.from(await accessTokenSecret(config, dataSource)));
}

/** JWT_SECRET, or the generated one; ERP credentials are sealed under it when ERP_SECRET is unset. */
export async function accessTokenSecret(
  config: AppConfig,
  dataSource: DataSource,
): Promise<string> {
  return config.jwtSecret ?? (await generatedSecret(dataSource));
}

async function generatedSecret(dataSource: DataSource): Promise<string> {
  await dataSource.query(
    'INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [SECRET_NAME, randomBytes(48).toString('base64url')],
  );
  const [{ value }] = await dataSource.query<{ value: string }[]>(
    'SELECT value FROM app_secrets WHERE name = $1',
    [SECRET_NAME],
  );
  return value;
}
