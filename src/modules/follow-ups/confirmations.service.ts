import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import { callerKey, Principal } from '../../core/auth/principal';
import { AppConfig } from '../../core/config/app-config';
import { TransactionHost } from '../../core/database/transaction-host';
import { RateLimiter } from '../../core/rate-limit/rate-limiter';
import { ConfirmationPageState } from './domain/confirmation-page';
import { ConfirmationLinkResponse, ConfirmationResponse } from './dto/confirmation.dto';
import { ConfirmationsRepository } from './confirmations.repository';
import {
  ConfirmationExpiredException,
  ConfirmationNotFoundException,
  ConfirmationUsedException,
} from './follow-ups.exception';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

/** 256 random bits: far past guessing, even without the rate limit. */
const TOKEN_BYTES = 32;
export const PUBLIC_CONFIRMATION_PATH = '/api/v1/public/confirmations';
/** Per client IP, over both the page and the confirming POST. */
const PUBLIC_RATE_LIMIT = { limit: 30, windowSeconds: 600 };

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Confirmation links: a rep asks the customer to confirm a follow-up (the
 * loop's proof). The customer needs no account; the link's token is the
 * credential, so it is random, stored only as a hash, single-use and expiring.
 */
@Injectable()
export class ConfirmationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly confirmations: ConfirmationsRepository,
    private readonly followUps: FollowUpsRepository,
    private readonly followUpAccess: FollowUpsService,
    private readonly rateLimiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async createLink(principal: Principal, followUpId: string): Promise<ConfirmationLinkResponse> {
    return this.tx.withTransaction(async () => {
      const followUp = await this.followUpAccess.findInScope(principal, followUpId);
      if (followUp.confirmedAt) throw new ConfirmationUsedException(followUp.confirmedAt);
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const expiresAt = new Date(Date.now() + this.config.confirmationTtlHours * 3_600_000);
      await this.confirmations.insert({
        followUpId,
        tokenSha256: sha256(token),
        expiresAt,
        createdBy: callerKey(principal),
      });
      await this.audit.append({
        actor: principal,
        entity: 'follow_up',
        entityId: followUpId,
        action: 'confirmation_requested',
        data: { expiresAt: expiresAt.toISOString() },
      });
      return {
        token,
        url: `${PUBLIC_CONFIRMATION_PATH}/${token}`,
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  /** What the public page shows for a token; counted against the client's rate limit. */
  async pageState(token: string, ip: string): Promise<ConfirmationPageState> {
    await this.rateLimiter.consume(`confirmations:ip:${ip}`, PUBLIC_RATE_LIMIT);
    const view = await this.confirmations.findView(sha256(token));
    if (!view) return { kind: 'not_found' };
    const confirmedAt = view.usedAt ?? view.followUpConfirmedAt;
    if (confirmedAt) return { kind: 'confirmed', confirmedAt };
    if (view.expiresAt <= new Date()) return { kind: 'expired' };
    return { kind: 'pending', ...view };
  }

  /** The customer confirms: once, before expiry; records when, from where and with what. */
  async confirm(
    token: string,
    ip: string,
    userAgent: string | null,
  ): Promise<ConfirmationResponse> {
    await this.rateLimiter.consume(`confirmations:ip:${ip}`, PUBLIC_RATE_LIMIT);
    return this.tx.withTransaction(async () => {
      const link = await this.confirmations.findForUpdate(sha256(token));
      if (!link) throw new ConfirmationNotFoundException();
      const doneAt = link.usedAt ?? link.followUpConfirmedAt;
      if (doneAt) throw new ConfirmationUsedException(doneAt);
      if (link.expiresAt <= new Date()) throw new ConfirmationExpiredException(link.expiresAt);
      const confirmedAt = await this.confirmations.markUsed(link.id, ip, userAgent);
      await this.followUps.setConfirmedAt(link.followUpId, confirmedAt);
      await this.audit.append({
        actor: null,
        entity: 'follow_up',
        entityId: link.followUpId,
        action: 'confirmed',
        data: { confirmationId: link.id },
      });
      return { followUpId: link.followUpId, confirmedAt: confirmedAt.toISOString() };
    });
  }
}
