import { defineList } from '../http/list-query';

const SEQ = 'audit_events.seq';

/**
 * `GET /audit-events`: the order of the chain, oldest first, unless sorted
 * newest first. Events never change, so the list takes no `updatedSince`:
 * a reader follows the trail by its cursor, since appends commit in `seq`
 * order (AuditService holds the chain's lock until commit).
 */
export const AUDIT_EVENT_LIST = defineList({
  keys: { seq: { column: SEQ, kind: 'integer' } },
  defaultSort: 'seq',
  id: { column: SEQ, kind: 'integer', field: 'seq' },
});
