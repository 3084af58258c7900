import { DomainException } from '../errors/domain.exception';

export const AuthErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_LOGIN_ATTEMPTS: 'TOO_MANY_LOGIN_ATTEMPTS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
} as const;

/** The realm of every challenge: the whole API is one protection space. */
const REALM = 'sales-api';

/** RFC 6750 §3 allows these characters, and no others, inside error_description. */
const NOT_IN_DESCRIPTION = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3): a bare one when no
 * credential came, so a client knows how to authenticate; `invalid_token`,
 * with why, when the one that came is no good.
 */
function bearerChallenge(badCredential?: string): string {
  const realm = `Bearer realm="${REALM}"`;
  if (badCredential === undefined) return realm;
  const description = badCredential.replace(NOT_IN_DESCRIPTION, '');
  return `${realm}, error="invalid_token", error_description="${description}"`;
}

/** Every 401 of the API: problem+json with a stable code, and the challenge RFC 9110 §15.5.2 requires. */
abstract class UnauthorizedException extends DomainException {
  protected constructor(code: string, message: string, credentialSent: boolean) {
    super('unauthenticated', code, message, {
      headers: { 'www-authenticate': bearerChallenge(credentialSent ? message : undefined) },
    });
  }
}

/** No credential, or one that is malformed, unknown, revoked, or of a user or session that is no more. */
export class UnauthenticatedException extends UnauthorizedException {
  constructor(credentialSent: boolean) {
    super(
      AuthErrorCode.UNAUTHENTICATED,
      credentialSent
        ? 'The bearer token or API key is not valid: it is malformed or revoked, or its session or user has ended'
        : 'Valid credentials are required: send a Bearer token or an X-API-Key',
      credentialSent,
    );
  }
}

/** An access token past its expiry: refresh it (POST /auth/refresh), no need to sign in again. */
export class TokenExpiredException extends UnauthorizedException {
  constructor() {
    super(
      AuthErrorCode.TOKEN_EXPIRED,
      'The access token has expired; get a new one from POST /auth/refresh',
      true,
    );
  }
}

export class InvalidCredentialsException extends UnauthorizedException {
  constructor() {
    super(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong username or password', false);
  }
}

/** Unknown, expired, or of a session that has ended: sign in again. */
export class InvalidRefreshTokenException extends UnauthorizedException {
  constructor() {
    super(
      AuthErrorCode.INVALID_REFRESH_TOKEN,
      'The refresh token is invalid, expired or of an ended session; sign in again',
      true,
    );
  }
}

/** A refresh token used a second time: it was copied, so its session has ended. */
export class RefreshTokenReusedException extends UnauthorizedException {
  constructor() {
    super(
      AuthErrorCode.REFRESH_TOKEN_REUSED,
      'The refresh token was already used, so its session has ended; sign in again',
      true,
    );
  }
}

export class ForbiddenRoleException extends DomainException {
  constructor(required: readonly string[]) {
    super(
      'forbidden',
      AuthErrorCode.FORBIDDEN,
      `This action needs one of the roles: ${required.join(', ')}`,
    );
  }
}

export class TooManyLoginAttemptsException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super(
      'rate_limited',
      AuthErrorCode.TOO_MANY_LOGIN_ATTEMPTS,
      'Too many failed logins; try again later',
      {
        headers: { 'retry-after': String(retryAfterSeconds) },
        extensions: { retryAfterSeconds },
      },
    );
  }
}
