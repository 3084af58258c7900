import { createHash } from 'node:crypto';

/** The prevHash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: every field except the hashes themselves. */
export interface AuditEventContent {
  seq: string;
  at: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  data: unknown;
}

export interface ChainedAuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same
 * event always hashes the same, whatever order jsonb hands its keys back in.
 */
export function canonicalJson(value: unknown): string {
  // Dates, decimals and the like are stored as their toJSON() form; hash that form too.
  const toJSON = (value as { toJSON?: () => unknown } | null)?.toJSON;
  if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function hashEvent(prevHash: string, content: AuditEventContent): string {
  const { seq, at, actorId, entity, entityId, action, data } = content;
  return createHash('sha256')
    .update(prevHash + canonicalJson({ seq, at, actorId, entity, entityId, action, data }))
    .digest('hex');
}

export interface ChainCheck {
  /** Hash of the last good event, to carry into the next batch. */
  lastHash: string;
  checked: number;
  firstBadSeq?: string;
}

/**
 * Checks a run of events in seq order, continuing from `start`. An event is bad
 * when its stored hash is not the hash of its content, or when its prevHash is
 * not the previous event's hash (a row was altered, inserted or removed).
 */
export function verifyChain(
  events: Iterable<ChainedAuditEvent>,
  start: ChainCheck = { lastHash: GENESIS_HASH, checked: 0 },
): ChainCheck {
  let { lastHash, checked } = start;
  for (const event of events) {
    if (event.prevHash !== lastHash || hashEvent(event.prevHash, event) !== event.hash) {
      return { lastHash, checked, firstBadSeq: event.seq };
    }
    lastHash = event.hash;
    checked += 1;
  }
  return { lastHash, checked };
}
