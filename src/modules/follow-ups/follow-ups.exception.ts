import { DomainException, FieldError } from '../../core/errors/domain.exception';

export const FollowUpErrorCode = {
  MISSING_EVIDENCE: 'MISSING_EVIDENCE',
  CONFIRMATION_NOT_FOUND: 'CONFIRMATION_NOT_FOUND',
  CONFIRMATION_EXPIRED: 'CONFIRMATION_EXPIRED',
  CONFIRMATION_USED: 'CONFIRMATION_USED',
} as const;

export class MissingEvidenceException extends DomainException {
  constructor(errors: FieldError[]) {
    super(
      'unprocessable',
      FollowUpErrorCode.MISSING_EVIDENCE,
      'The follow-up lacks mandatory evidence',
      { errors },
    );
  }
}

/** Unknown, guessed or mistyped: no confirmation link has this token. */
export class ConfirmationNotFoundException extends DomainException {
  constructor() {
    super(
      'not_found',
      FollowUpErrorCode.CONFIRMATION_NOT_FOUND,
      'This confirmation link is not valid',
    );
  }
}

export class ConfirmationExpiredException extends DomainException {
  constructor(readonly expiredAt: Date) {
    super('gone', FollowUpErrorCode.CONFIRMATION_EXPIRED, 'This confirmation link has expired', {
      extensions: { expiredAt: expiredAt.toISOString() },
    });
  }
}

export class ConfirmationUsedException extends DomainException {
  constructor(readonly confirmedAt: Date) {
    super('conflict', FollowUpErrorCode.CONFIRMATION_USED, 'This follow-up was already confirmed', {
      extensions: { confirmedAt: confirmedAt.toISOString() },
    });
  }
}
