import { Injectable } from '@nestjs/common';
import type { Role } from '../../core/auth/roles';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { ArticleSource, RunTrigger } from './domain/knowledge-base';

export interface NewPush {
  cron: string;
  timezone: string;
  articleIds: string[] | null;
  source: ArticleSource;
  audienceRoles: Role[];
  nextRunAt: Date;
}

export interface PushRow extends NewPush {
  id: string;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface RunRow {
  id: string;
  pushId: string;
  ranAt: Date;
  trigger: RunTrigger;
  articleIds: string[];
  delivered: number;
}

export interface RunCounts {
  runId: string;
  ranAt: Date;
  delivered: number;
  read: number;
}

/** `GET /kb/pushes`: newest first unless sorted otherwise. */
export const PUSH_LIST = defineList({
  keys: {
    createdAt: { column: 'p.created_at', kind: 'timestamp' },
    nextRunAt: { column: 'p.next_run_at', kind: 'timestamp' },
  },
  defaultSort: '-createdAt',
  id: 'p.id',
  updatedAt: 'p.updated_at',
});

/** How many runs the stats show: the latest, which covers two years of a weekly push. */
export const STATS_RUNS = 100;

const PUSH_COLUMNS = `p.id, p.cron, p.timezone, p.article_ids AS "articleIds", p.source,
  p.audience_roles AS "audienceRoles", p.next_run_at AS "nextRunAt", p.active,
  p.created_by AS "createdBy", p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

const RUN_COLUMNS = `r.id, r.push_id AS "pushId", r.ran_at AS "ranAt", r.trigger,
  r.article_ids AS "articleIds", r.delivered`;

/** SQL over kb_pushes, kb_push_runs and kb_push_deliveries. */
@Injectable()
export class KbPushesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(push: NewPush, createdBy: string | null): Promise<PushRow> {
    const [row] = await this.tx.query<PushRow>(
      `INSERT INTO kb_pushes AS p (cron, timezone, article_ids, source, audience_roles, next_run_at, created_by)
       VALUES ($1, $2, $3::uuid[], $4, $5::text[], $6, $7) RETURNING ${PUSH_COLUMNS}`,
      [
        push.cron,
        push.timezone,
        push.articleIds,
        push.source,
        push.audienceRoles,
        push.nextRunAt,
        createdBy,
      ],
    );
    return row;
  }

  async find(id: string): Promise<PushRow | undefined> {
    const [row] = await this.tx.query<PushRow>(
      `SELECT ${PUSH_COLUMNS} FROM kb_pushes p WHERE p.id = $1`,
      [id],
    );
    return row;
  }

  /**
   * The active pushes due by now, locked; a push another transaction holds
   * (being run) is skipped, not waited for.
   */
  async claimDue(): Promise<PushRow[]> {
    return this.tx.query<PushRow>(
      `SELECT ${PUSH_COLUMNS} FROM kb_pushes p
       WHERE p.active AND p.next_run_at <= now()
       ORDER BY p.next_run_at, p.id FOR UPDATE SKIP LOCKED`,
    );
  }

  /** Stops an active push; undefined when there is none by that id, or it was stopped already. */
  async deactivate(id: string): Promise<PushRow | undefined> {
    const [row] = await this.tx.query<PushRow>(
      `UPDATE kb_pushes p SET active = false, version = p.version + 1
       WHERE p.id = $1 AND p.active RETURNING ${PUSH_COLUMNS}`,
      [id],
    );
    return row;
  }

  async setNextRunAt(id: string, nextRunAt: Date): Promise<void> {
    await this.tx.query('UPDATE kb_pushes SET next_run_at = $2 WHERE id = $1', [id, nextRunAt]);
  }

  /**
   * Records a run that delivers to every active user holding any of the
   * push's audience roles, and its deliveries. A scheduled run names the time
   * it was due: a second run for that time inserts nothing (undefined).
   */
  async insertRun(
    push: PushRow,
    articleIds: string[],
    trigger: RunTrigger,
    scheduledFor: Date | null,
  ): Promise<{ run: RunRow; recipients: string[] } | undefined> {
    const [run] = await this.tx.query<RunRow>(
      `INSERT INTO kb_push_runs AS r (push_id, trigger, scheduled_for, article_ids, delivered)
       VALUES ($1, $2, $3, $4::uuid[], 0)
       ON CONFLICT (push_id, scheduled_for) DO NOTHING RETURNING ${RUN_COLUMNS}`,
      [push.id, trigger, scheduledFor, articleIds],
    );
    if (!run) return undefined;
    if (!articleIds.length) return { run, recipients: [] };
    const recipients = await this.tx.query<{ userId: string }>(
      `INSERT INTO kb_push_deliveries (run_id, user_id)
       SELECT $1, u.id FROM users u WHERE u.active AND u.roles && $2::text[]
       RETURNING user_id AS "userId"`,
      [run.id, push.audienceRoles],
    );
    const [counted] = await this.tx.query<RunRow>(
      `UPDATE kb_push_runs r SET delivered = $2 WHERE r.id = $1 RETURNING ${RUN_COLUMNS}`,
      [run.id, recipients.length],
    );
    return { run: counted, recipients: recipients.map((row) => row.userId) };
  }

  /**
   * Per run (the latest STATS_RUNS, oldest first): delivered, and read — the
   * recipients with a read receipt for every article of the run, whenever
   * they read it. Each recipient counts once, and only recipients count.
   */
  async runCounts(pushId: string): Promise<RunCounts[]> {
    return this.tx.query<RunCounts>(
      `SELECT r.id AS "runId", r.ran_at AS "ranAt", r.delivered,
         (SELECT count(*)::int FROM kb_push_deliveries d
          WHERE d.run_id = r.id AND NOT EXISTS (
            SELECT 1 FROM unnest(r.article_ids) AS sent(article_id)
            WHERE NOT EXISTS (SELECT 1 FROM kb_article_reads k
                              WHERE k.article_id = sent.article_id AND k.user_id = d.user_id))) AS read
       FROM (SELECT * FROM kb_push_runs WHERE push_id = $1 ORDER BY ran_at DESC, id DESC LIMIT $2) r
       ORDER BY r.ran_at, r.id`,
      [pushId, STATS_RUNS],
    );
  }

  /** `limit + 1` pushes matching `where` (filters and keyset), in `orderBy`. */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<PushRow[]> {
    return this.tx.query<PushRow>(
      `SELECT ${PUSH_COLUMNS} FROM kb_pushes p
       WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }
}
