import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { TransactionHost } from '../../core/database/transaction-host';
import { JobScheduler } from '../../core/scheduling/job-scheduler';
import { SettingsService } from '../../core/settings/settings.service';
import { TodosService } from '../todos/todos.service';

export const SILENT_PERIOD_JOB = 'silent-period';

export interface SilentPeriodRun {
  /** Owned customers examined. */
  scanned: number;
  /** Todos made: two per newly silent customer (owner and supervisor), one if it has no supervisor. */
  created: number;
}

/**
 * One todo per (customer, spell, role) for every owned customer silent past
 * its segment's threshold: to the owner and to the owner's direct supervisor.
 * A spell starts at the last interaction (or the customer's creation), so the
 * dedupe key names that instant; a new interaction starts a new spell. All in
 * one INSERT … SELECT over customers; the unique key makes re-runs and
 * concurrent runs create nothing twice. Spells already alerted (their owner
 * todo exists) are dropped before any todo row is built, which keeps a run
 * that finds nothing new close to one read of the customers.
 * $1 and $2: the b2b and b2c thresholds in hours.
 */
const SILENT_CUSTOMER_TODOS = `
  WITH silent AS (
    SELECT c.id, c.name, c.tags, c.owner_id,
      coalesce(c.last_interaction_at, c.created_at) AS since,
      CASE WHEN c.segment = 'b2c' THEN $2::int ELSE $1::int END AS threshold_hours
    FROM customers c
    WHERE c.owner_id IS NOT NULL
      AND coalesce(c.last_interaction_at, c.created_at)
        < now() - make_interval(hours => CASE WHEN c.segment = 'b2c' THEN $2::int ELSE $1::int END)
  ), spells AS (
    SELECT s.*, 'silent_period:' || s.id || ':' || (extract(epoch FROM s.since) * 1000)::bigint AS spell_key,
      floor(extract(epoch FROM now() - s.since) / 3600)::int AS hours
    FROM silent s
  ), alerts AS (
    SELECT s.id, s.owner_id, s.spell_key,
      '客户「' || s.name || '」已 ' || s.hours || ' 小时未互动，请尽快跟进' AS title,
      jsonb_build_object('customerName', s.name, 'tags', to_jsonb(s.tags), 'silentHours', s.hours,
        'silentSince', to_char(s.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'thresholdHours', s.threshold_hours, 'ownerId', s.owner_id) AS payload
    FROM spells s
    WHERE NOT EXISTS (SELECT 1 FROM todos t WHERE t.dedupe_key = s.spell_key || ':owner')
  )
  SELECT 'silent_period', a.assignee_id, s.id, s.title,
    s.payload || jsonb_build_object('role', a.role), NULL::timestamptz, s.spell_key || ':' || a.role
  FROM alerts s
  JOIN users owner ON owner.id = s.owner_id
  LEFT JOIN users supervisor ON supervisor.id = owner.supervisor_id AND supervisor.active
  CROSS JOIN LATERAL (VALUES (s.owner_id, 'owner'), (supervisor.id, 'supervisor')) AS a(assignee_id, role)
  WHERE a.assignee_id IS NOT NULL`;

@Injectable()
export class SilentPeriodService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SilentPeriodService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly todos: TodosService,
    private readonly settings: SettingsService,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(SILENT_PERIOD_JOB, this.config.silentPeriodCron, () =>
      this.scan(),
    );
  }

  /** On demand: waits for a running scan (of any replica) to end, then scans. */
  run(): Promise<SilentPeriodRun> {
    return this.scheduler.runNow(SILENT_PERIOD_JOB, () => this.scan());
  }

  /** The scan itself; the caller holds the job's lock, in the current transaction. */
  private async scan(): Promise<SilentPeriodRun> {
    const started = Date.now();
    const { silentHours } = await this.settings.get();
    const created = await this.todos.createFromSelect(SILENT_CUSTOMER_TODOS, [
      silentHours.b2b,
      silentHours.b2c,
    ]);
    const [{ scanned }] = await this.tx.query<{ scanned: number }>(
      'SELECT count(*)::int AS scanned FROM customers WHERE owner_id IS NOT NULL',
    );
    this.logger.log({ scanned, created, ms: Date.now() - started }, 'Silent-period scan done');
    return { scanned, created };
  }
}
