import { DomainException, FieldError } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const FollowUpErrorCode = {
  MISSING_EVIDENCE: 'MISSING_EVIDENCE',
  CONFIRMATION_NOT_FOUND: 'CONFIRMATION_NOT_FOUND',
  CONFIRMATION_EXPIRED: 'CONFIRMATION_EXPIRED',
  CONFIRMATION_USED: 'CONFIRMATION_USED',
} as const;

export const followUpMessages = catalogue({
  followUp: { en: 'Follow-up', zh: '跟进记录' },
  missingEvidence: {
    en: 'The follow-up lacks mandatory evidence',
    zh: '跟进记录缺少必需的凭证',
  },
  shortSummary: (min: number) => ({
    en: `must give the minutes in at least ${min} characters`,
    zh: `纪要至少需要 ${min} 个字符`,
  }),
  nextTouchRequired: {
    en: 'is required unless the stage is won or lost',
    zh: '除非阶段为成交（won）或丢单（lost），否则为必填项',
  },
  transcriptRequired: (channel: string) => ({
    en: `is required for a ${channel}: the timestamped voice-to-text minutes`,
    zh: `${channel} 必须附带逐段标注时间的语音转写纪要`,
  }),
  required: { en: 'is required', zh: '为必填项' },
  nextTouchBeforeTouch: { en: 'must be after occurredAt', zh: '必须晚于 occurredAt' },
  confirmationNotFound: {
    en: 'This confirmation link is not valid',
    zh: '此确认链接无效',
  },
  confirmationExpired: { en: 'This confirmation link has expired', zh: '此确认链接已过期' },
  confirmationUsed: { en: 'This follow-up was already confirmed', zh: '此跟进记录已确认过' },
});

export class MissingEvidenceException extends DomainException {
  constructor(errors: FieldError[]) {
    super('unprocessable', FollowUpErrorCode.MISSING_EVIDENCE, followUpMessages.missingEvidence, {
      errors,
    });
  }
}

/** Unknown, guessed or mistyped: no confirmation link has this token. */
export class ConfirmationNotFoundException extends DomainException {
  constructor() {
    super(
      'not_found',
      FollowUpErrorCode.CONFIRMATION_NOT_FOUND,
      followUpMessages.confirmationNotFound,
    );
  }
}

export class ConfirmationExpiredException extends DomainException {
  constructor(readonly expiredAt: Date) {
    super('gone', FollowUpErrorCode.CONFIRMATION_EXPIRED, followUpMessages.confirmationExpired, {
      extensions: { expiredAt: expiredAt.toISOString() },
    });
  }
}

export class ConfirmationUsedException extends DomainException {
  constructor(readonly confirmedAt: Date) {
    super('conflict', FollowUpErrorCode.CONFIRMATION_USED, followUpMessages.confirmationUsed, {
      extensions: { confirmedAt: confirmedAt.toISOString() },
    });
  }
}
