import { DomainException } from '../errors/domain.exception';

export const AuthErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_LOGIN_ATTEMPTS: 'TOO_MANY_LOGIN_ATTEMPTS',
} as const;

export class UnauthenticatedException extends DomainException {
  constructor(message = 'Valid credentials are required: send a Bearer token or an X-API-Key') {
    super('unauthenticated', AuthErrorCode.UNAUTHENTICATED, message);
  }
}

export class InvalidCredentialsException extends DomainException {
  constructor() {
    super('unauthenticated', AuthErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
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
