import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { LoginThrottle } from '../../core/auth/login-throttle';
import { hashPassword, verifyPassword } from '../../core/auth/passwords';
import { Principal } from '../../core/auth/principal';
import { SessionsService } from '../../core/auth/sessions/sessions.service';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { ChangeOwnPasswordDto, SetPasswordDto } from './dto/user.dto';
import { orgMessages, WrongCurrentPasswordException } from './org.exception';
import { UsersService } from './users.service';

/**
 * Password changes. Either way the user's other sessions end, so a password
 * that leaked stops being of use to whoever signed in with it; the caller's
 * own session goes on.
 */
@Injectable()
export class UserPasswordsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The caller's own, given the current one. A wrong current password counts
   * as a failed login of the account, so a borrowed phone with a signed-in
   * session cannot be used to guess it.
   */
  async changeOwn(principal: Principal, dto: ChangeOwnPasswordDto, ip: string): Promise<void> {
    const user = principal.userId ? await this.users.findById(principal.userId) : undefined;
    if (!user) throw new NotFoundException(orgMessages.userOfCredential);
    await this.throttle.assertAllowed(user.username, ip);
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      await this.throttle.recordFailure(user.username, ip);
      throw new WrongCurrentPasswordException();
    }
    await this.throttle.reset(user.username, ip);
    await this.replace(principal, user.id, dto.newPassword, 'password_changed');
  }

  /** An admin sets a user's password, e.g. one the user forgot. */
  async set(actor: Principal, userId: string, dto: SetPasswordDto): Promise<void> {
    if (!(await this.users.findById(userId))) throw new NotFoundException(orgMessages.user, userId);
    await this.replace(actor, userId, dto.newPassword, 'password_reset');
  }

  private async replace(
    actor: Principal,
    userId: string,
    password: string,
    action: string,
  ): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.tx.withTransaction(async () => {
      await this.tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
        userId,
        passwordHash,
      ]);
      await this.sessions.endAllOf(userId, 'password_changed', actor.sessionId);
      await this.audit.append({ actor, entity: 'user', entityId: userId, action });
    });
  }
}
