import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { PrincipalCache } from '../principal-cache';
import { newRefreshToken, REFRESH_TOKEN_TTL_SECONDS, refreshTokenHash } from './refresh-tokens';
import { SessionEndReason } from './session.entity';

export interface IssuedRefreshToken {
  sessionId: string;
  refreshToken: string;
}

/** What came of presenting a refresh token. */
export type Rotation =
  | ({ kind: 'rotated'; userId: string } & IssuedRefreshToken)
  /** It had been used already: the session has now ended. */
  | { kind: 'reused' }
  /** Unknown, expired, or of a session that had ended. */
  | { kind: 'invalid' };

/**
 * Sessions and their rotating refresh tokens. Ending a session drops this
 * replica's principal cache after commit; the sessions trigger notifies the
 * other replicas, so the session's access tokens stop working everywhere.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly principals: PrincipalCache,
  ) {}

  /** A new session for a user who has just proved who they are, with its first refresh token. */
  async start(userId: string): Promise<IssuedRefreshToken> {
    const refreshToken = newRefreshToken();
    const [{ sessionId }] = await this.tx.query<{ sessionId: string }>(
      `WITH session AS (INSERT INTO sessions (user_id) VALUES ($1) RETURNING id)
       INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
       SELECT $2, id, now() + make_interval(secs => $3) FROM session
       RETURNING session_id AS "sessionId"`,
      [userId, refreshTokenHash(refreshToken), REFRESH_TOKEN_TTL_SECONDS],
    );
    return { sessionId, refreshToken };
  }

  /**
   * Exchanges a refresh token for its successor, once. A token presented again
   * after its use was stolen, or is being replayed by a thief, and nobody can
   * tell which copy is the rightful one: the whole session ends.
   *
   * Two exchanges of one token at the same moment are no exception: the row
   * lock makes the second wait for the first to commit, it then finds the
   * token used, and the session ends, the winner's new tokens with it. A
   * client must therefore refresh one request at a time per session.
   */
  async rotate(refreshToken: string): Promise<Rotation> {
    const hash = refreshTokenHash(refreshToken);
    return this.tx.withTransaction(async () => {
      const [used] = await this.tx.query<{ userId: string; sessionId: string }>(
        `UPDATE refresh_tokens r SET used_at = now()
         FROM sessions s
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()
           AND s.id = r.session_id AND s.ended_at IS NULL
         RETURNING s.user_id AS "userId", s.id AS "sessionId"`,
        [hash],
      );
      if (used)
        return { kind: 'rotated', ...used, refreshToken: await this.addToken(used.sessionId) };
      return (await this.endIfReused(hash)) ? { kind: 'reused' } : { kind: 'invalid' };
    });
  }

  /** Ends the session the token belongs to, used or not (logout). Unknown tokens change nothing. */
  async endByToken(refreshToken: string, reason: SessionEndReason): Promise<void> {
    await this.end(
      `FROM refresh_tokens r WHERE r.token_hash = $1 AND s.id = r.session_id`,
      [refreshTokenHash(refreshToken)],
      reason,
    );
  }

  /** Ends every session of the user but `keepSessionId` (the caller's own, when it changes its password). */
  async endAllOf(userId: string, reason: SessionEndReason, keepSessionId?: string): Promise<void> {
    await this.end(
      `WHERE s.user_id = $1 AND s.id IS DISTINCT FROM $2::uuid`,
      [userId, keepSessionId ?? null],
      reason,
    );
  }

  /** Whether the session is the user's and has not ended: the access tokens naming it work. */
  async isLive(sessionId: string, userId: string): Promise<boolean> {
    const rows = await this.tx.query(
      'SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND ended_at IS NULL',
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  private async addToken(sessionId: string): Promise<string> {
    const refreshToken = newRefreshToken();
    await this.tx.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [refreshTokenHash(refreshToken), sessionId, REFRESH_TOKEN_TTL_SECONDS],
    );
    return refreshToken;
  }

  /** A used token that has not expired, of a live session: that session ends. */
  private async endIfReused(hash: string): Promise<boolean> {
    const ended = await this.end(
      `FROM refresh_tokens r WHERE r.token_hash = $1 AND s.id = r.session_id
         AND r.used_at IS NOT NULL AND r.expires_at > now()`,
      [hash],
      'refresh_token_reused',
    );
    return ended > 0;
  }

  /**
   * Ends the live sessions `s` that `where` selects (a WHERE clause, after a
   * FROM list if it joins; its parameters from $1, the reason after them).
   * Returns how many ended.
   */
  private async end(where: string, params: unknown[], reason: SessionEndReason): Promise<number> {
    const ended = await this.tx.query(
      `UPDATE sessions s SET ended_at = now(), end_reason = $${params.length + 1}
       ${where} AND s.ended_at IS NULL RETURNING s.id`,
      [...params, reason],
    );
    if (ended.length) this.principals.dropAfterCommit();
    return ended.length;
  }
}
