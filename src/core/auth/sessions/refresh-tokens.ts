import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'smr_';

/** How long a refresh token may wait to be used; each rotation starts a new one. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/** 256 random bits, with a prefix that secret scanners can recognise. */
export function newRefreshToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Refresh tokens are stored and looked up by this hash only. */
export const refreshTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
