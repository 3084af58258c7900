import { Injectable } from '@nestjs/common';
import { advisoryLockKey } from '../database/advisory-lock';
import { SqlParams } from '../database/sql-params';
import { TransactionHost } from '../database/transaction-host';
import { Principal } from '../auth/principal';
import { ListRequest } from '../http/list-query';
import { Page } from '../http/pagination';
import { AUDIT_EVENT_LIST } from './audit-event-list';
import { AuditEventEntity } from './audit-event.entity';
import {
  ChainCheck,
  ChainedAuditEvent,
  GENESIS_HASH,
  hashEvent,
  verifyChain,
} from './domain/hash-chain';

export interface AuditInput {
  actor: Principal | null;
  entity: string;
  entityId: string;
  action: string;
  data?: Record<string, unknown>;
}

export interface AuditQuery extends ListRequest {
  entity?: string[];
  entityId?: string[];
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBadSeq?: string;
}

const CHAIN_LOCK = advisoryLockKey('audit-chain');
/** The key under which a transaction gathers its events until commit. */
const PENDING_EVENTS = Symbol('audit events');
const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Appends an event in the caller's transaction (or a transaction of its
   * own), so the event and the change it records commit or roll back
   * together. The events of a transaction are chained last, just before its
   * COMMIT, in one batch: the chain's lock, which stops two writers linking to
   * the same prevHash, is then held only from that batch to the commit.
   */
  async append(input: AuditInput): Promise<void> {
    if (!this.tx.inTransaction) return this.tx.withTransaction(() => this.append(input));
    this.tx.gatherForCommit(PENDING_EVENTS, input, (inputs) => this.chain(inputs));
  }

  /** Links `inputs` to the chain's last event, in order, with one lock-and-read and one insert. */
  private async chain(inputs: AuditInput[]): Promise<void> {
    // The read is a statement of its own, after the lock's: its snapshot then sees the last committed link.
    const [, [head]] = await this.tx.queryStatements([
      `SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`,
      `SELECT array(SELECT nextval('audit_events_seq')::text FROM generate_series(1, ${inputs.length})) AS seqs,
         (SELECT hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1) AS "lastHash"`,
    ]);
    const { seqs, lastHash } = head as { seqs: string[]; lastHash: string | null };
    const at = new Date().toISOString();
    let prevHash = lastHash ?? GENESIS_HASH;
    const events = inputs.map((input, i): ChainedAuditEvent => {
      const content = {
        seq: seqs[i],
        at,
        actorId: input.actor?.id ?? null,
        entity: input.entity,
        entityId: input.entityId,
        action: input.action,
        data: input.data ?? {},
      };
      const event = { ...content, prevHash, hash: hashEvent(prevHash, content) };
      prevHash = event.hash;
      return event;
    });
    await this.tx.query(
      `INSERT INTO audit_events (seq, at, actor_id, entity, entity_id, action, data, prev_hash, hash)
       SELECT seq, at, "actorId", entity, "entityId", action, data, "prevHash", hash
       FROM jsonb_to_recordset($1) AS e(seq bigint, at timestamptz, "actorId" text, entity text,
         "entityId" text, action text, data jsonb, "prevHash" text, hash text)
       ORDER BY seq`,
      [JSON.stringify(events)],
      { prepare: true },
    );
  }

  /** Oldest first, the order of the chain, unless sorted otherwise (AUDIT_EVENT_LIST). */
  async list(query: AuditQuery): Promise<Page<ChainedAuditEvent>> {
    const plan = await AUDIT_EVENT_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.entity) where.push(`entity = ANY (${params.add(query.entity)}::text[])`);
    if (query.entityId) where.push(`entity_id = ANY (${params.add(query.entityId)}::text[])`);
    where.push(...plan.where(params));
    const rows = await this.tx.query<AuditEventEntity>(
      `SELECT ${SELECT_COLUMNS} FROM audit_events WHERE ${where.join(' AND ')}
       ORDER BY ${plan.orderBy} LIMIT ${params.add(query.limit + 1)}`,
      params.values,
    );
    return plan.page(rows, toChainedEvent);
  }

  /** Walks the whole chain in seq order, in batches, and reports the first broken link. */
  async verify(): Promise<ChainVerification> {
    let state: ChainCheck = { lastHash: GENESIS_HASH, checked: 0 };
    let afterSeq = '0';
    for (;;) {
      const rows = await this.tx.query<AuditEventEntity>(
        `SELECT ${SELECT_COLUMNS} FROM audit_events WHERE seq > $1 ORDER BY audit_events.seq LIMIT $2`,
        [afterSeq, VERIFY_BATCH],
      );
      state = verifyChain(rows.map(toChainedEvent), state);
      if (state.firstBadSeq)
        return { ok: false, checked: state.checked, firstBadSeq: state.firstBadSeq };
      if (rows.length < VERIFY_BATCH) return { ok: true, checked: state.checked };
      afterSeq = rows[rows.length - 1].seq;
    }
  }
}

// seq leaves as text (bigint exceeds JS precision); ORDER BY must say audit_events.seq,
// or it would sort by that text alias ('10' < '2').
const SELECT_COLUMNS = `seq::text AS seq, at, actor_id AS "actorId", entity, entity_id AS "entityId",
  action, data, prev_hash AS "prevHash", hash`;

function toChainedEvent(row: AuditEventEntity): ChainedAuditEvent {
  return { ...row, at: row.at.toISOString() };
}
