import { Injectable } from '@nestjs/common';
import { advisoryLockKey } from '../../core/database/advisory-lock';
import { TransactionHost } from '../../core/database/transaction-host';

/** The organisation's two trees: who reports to whom, and which unit lies in which. */
const TREES = {
  supervisors: { table: 'users', parent: 'supervisor_id' },
  orgUnits: { table: 'org_units', parent: 'parent_id' },
} as const;

export type OrgTree = keyof typeof TREES;

const ORG_CHART_LOCK = advisoryLockKey('org-chart');

/** Checks on changes to the org chart, for users and org units alike. */
@Injectable()
export class OrgChart {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Serialises changes to users and org units until commit. Without it, two
   * concurrent changes could each pass the loop check (X under Y, Y under X)
   * and make a loop together, or two admins demote each other and leave none.
   * Such changes are rare, so waiting costs nothing.
   */
  async lock(): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1)', [ORG_CHART_LOCK]);
  }

  /**
   * Whether putting `nodeId` under `newParentId` closes a loop: `nodeId` is
   * `newParentId` itself or lies above it. UNION ends the walk even on a loop
   * that the data already holds.
   */
  async wouldLoop(tree: OrgTree, nodeId: string, newParentId: string): Promise<boolean> {
    const { table, parent } = TREES[tree];
    const [{ loop }] = await this.tx.query<{ loop: boolean }>(
      `WITH RECURSIVE above(id) AS (
         SELECT $1::uuid
         UNION SELECT t.${parent} FROM ${table} t JOIN above ON t.id = above.id
         WHERE t.${parent} IS NOT NULL
       ) SELECT EXISTS (SELECT 1 FROM above WHERE id = $2) AS loop`,
      [newParentId, nodeId],
    );
    return loop;
  }
}
