import { DomainException } from '../errors/domain.exception';
import { catalogue, Text } from '../i18n/text';

export const AuthErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_LOGIN_ATTEMPTS: 'TOO_MANY_LOGIN_ATTEMPTS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
} as const;

export const authMessages = catalogue({
  unauthenticated: {
    en: 'Valid credentials are required: send a Bearer token or an X-API-Key',
    zh: '需要有效的凭证：请发送 Bearer 令牌或 X-API-Key',
  },
  invalidCredential: {
    en: 'The bearer token or API key is not valid: it is malformed or revoked, or its session or user has ended',
    zh: 'Bearer 令牌或 API 密钥无效：格式错误、已被吊销，或其会话或用户已终止',
  },
  tokenExpired: {
    en: 'The access token has expired; get a new one from POST /auth/refresh',
    zh: '访问令牌已过期；请通过 POST /auth/refresh 获取新令牌',
  },
  invalidCredentials: { en: 'Wrong username or password', zh: '用户名或密码错误' },
  invalidRefreshToken: {
    en: 'The refresh token is invalid, expired or of an ended session; sign in again',
    zh: '刷新令牌无效、已过期或其会话已结束；请重新登录',
  },
  refreshTokenReused: {
    en: 'The refresh token was already used, so its session has ended; sign in again',
    zh: '该刷新令牌已被使用过，其会话已终止；请重新登录',
  },
  forbiddenRole: (required: readonly string[]) => ({
    en: `This action needs one of the roles: ${required.join(', ')}`,
    zh: `此操作需要以下角色之一：${required.join('、')}`,
  }),
  tooManyLogins: {
    en: 'Too many failed logins; try again later',
    zh: '登录失败次数过多，请稍后再试',
  },
  apiKey: { en: 'API key', zh: 'API 密钥' },
});

/** The realm of every challenge: the whole API is one protection space. */
const REALM = 'sales-api';

/** RFC 6750 §3 allows these characters, and no others, inside error_description. */
const NOT_IN_DESCRIPTION = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3): a bare one when no
 * credential came, so a client knows how to authenticate; `invalid_token`,
 * with why (in English: a header is for programs), when the one that came is no good.
 */
function bearerChallenge(badCredential?: string): string {
  const realm = `Bearer realm="${REALM}"`;
  if (badCredential === undefined) return realm;
  const description = badCredential.replace(NOT_IN_DESCRIPTION, '');
  return `${realm}, error="invalid_token", error_description="${description}"`;
}

/** Every 401 of the API: problem+json with a stable code, and the challenge RFC 9110 §15.5.2 requires. */
abstract class UnauthorizedException extends DomainException {
  protected constructor(code: string, message: Text, credentialSent: boolean) {
    super('unauthenticated', code, message, {
      headers: { 'www-authenticate': bearerChallenge(credentialSent ? message.en : undefined) },
    });
  }
}

/** No credential, or one that is malformed, unknown, revoked, or of a user or session that is no more. */
export class UnauthenticatedException extends UnauthorizedException {
  constructor(credentialSent: boolean) {
    super(
      AuthErrorCode.UNAUTHENTICATED,
      credentialSent ? authMessages.invalidCredential : authMessages.unauthenticated,
      credentialSent,
    );
  }
}

/** An access token past its expiry: refresh it (POST /auth/refresh), no need to sign in again. */
export class TokenExpiredException extends UnauthorizedException {
  constructor() {
    super(AuthErrorCode.TOKEN_EXPIRED, authMessages.tokenExpired, true);
  }
}

export class InvalidCredentialsException extends UnauthorizedException {
  constructor() {
    super(AuthErrorCode.INVALID_CREDENTIALS, authMessages.invalidCredentials, false);
  }
}

/** Unknown, expired, or of a session that has ended: sign in again. */
export class InvalidRefreshTokenException extends UnauthorizedException {
  constructor() {
    super(AuthErrorCode.INVALID_REFRESH_TOKEN, authMessages.invalidRefreshToken, true);
  }
}

/** A refresh token used a second time: it was copied, so its session has ended. */
export class RefreshTokenReusedException extends UnauthorizedException {
  constructor() {
    super(AuthErrorCode.REFRESH_TOKEN_REUSED, authMessages.refreshTokenReused, true);
  }
}

export class ForbiddenRoleException extends DomainException {
  constructor(required: readonly string[]) {
    super('forbidden', AuthErrorCode.FORBIDDEN, authMessages.forbiddenRole(required));
  }
}

export class TooManyLoginAttemptsException extends DomainException {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', AuthErrorCode.TOO_MANY_LOGIN_ATTEMPTS, authMessages.tooManyLogins, {
      headers: { 'retry-after': String(retryAfterSeconds) },
      extensions: { retryAfterSeconds },
    });
  }
}
