import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { defineList } from '../../core/http/list-query';
import type { Segment } from '../customers/customer.entity';
import type { RebateMethod, RebateTier } from './domain/tier-math';
import type { RebateBasis } from './rebate-policy.entity';

/** A policy's own fields: what a client writes, and what each version's snapshot holds. */
export interface PolicyFields {
  name: string;
  basis: RebateBasis;
  method: RebateMethod;
  tiers: RebateTier[];
  capAmount: string | null;
  segments: Segment[];
  validFrom: string | null;
  validTo: string | null;
}

/** A policy row as the SQL below returns it (camelCase). */
export interface PolicyRow extends PolicyFields {
  id: string;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PolicyVersionRow {
  policyId: string;
  version: number;
  snapshot: PolicyFields;
  createdBy: string | null;
  createdAt: Date;
}

/** A customer as the calculator needs it. */
export interface CalculationCustomer {
  id: string;
  segment: Segment;
}

export interface NewCalculation {
  policyId: string;
  policyVersion: number;
  customerId: string;
  quoteId: string | null;
  estimatedAmount: string;
  ytdPurchases: string;
  result: object;
  createdBy: string | null;
}

/** `GET /rebate-policies`: newest first unless sorted otherwise; syncs by updatedAt. */
export const REBATE_POLICY_LIST = defineList({
  keys: {
    createdAt: { column: 'p.created_at', kind: 'timestamp' },
    name: { column: 'p.name', kind: 'text' },
  },
  defaultSort: '-createdAt',
  id: 'p.id',
  updatedAt: 'p.updated_at',
});

const POLICY_COLUMNS = `p.id, p.name, p.basis, p.method, p.tiers, p.cap_amount AS "capAmount",
  p.segments, to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(p.valid_to, 'YYYY-MM-DD') AS "validTo", p.version, p.created_by AS "createdBy",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** The fields in the order of the INSERT and UPDATE below. */
function fieldValues(fields: PolicyFields): unknown[] {
  return [
    fields.name,
    fields.basis,
    fields.method,
    JSON.stringify(fields.tiers),
    fields.capAmount,
    fields.segments,
    fields.validFrom,
    fields.validTo,
  ];
}

export type PolicyLock = 'update' | 'key share';

const lockSql = (lock?: PolicyLock) => (lock ? `FOR ${lock.toUpperCase()} OF p` : '');

/** The policy's validity as an inclusive daterange; null bounds are open. */
const VALIDITY = (from: string, to: string) => `daterange(${from}, ${to}, '[]')`;

/** SQL over the rebate tables; policies are visible to every authenticated caller. */
@Injectable()
export class RebatesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertPolicy(fields: PolicyFields, createdBy: string | null): Promise<PolicyRow> {
    const [row] = await this.tx.query<PolicyRow>(
      `INSERT INTO rebate_policies AS p
         (name, basis, method, tiers, cap_amount, segments, valid_from, valid_to, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::text[], $7::date, $8::date, $9)
       RETURNING ${POLICY_COLUMNS}`,
      [...fieldValues(fields), createdBy],
    );
    return row;
  }

  async updatePolicy(id: string, fields: PolicyFields): Promise<PolicyRow> {
    const [row] = await this.tx.query<PolicyRow>(
      `UPDATE rebate_policies AS p SET name = $1, basis = $2, method = $3, tiers = $4::jsonb,
         cap_amount = $5, segments = $6::text[], valid_from = $7::date, valid_to = $8::date,
         version = p.version + 1
       WHERE p.id = $9 RETURNING ${POLICY_COLUMNS}`,
      [...fieldValues(fields), id],
    );
    return row;
  }

  async insertVersion(
    row: PolicyRow,
    fields: PolicyFields,
    createdBy: string | null,
  ): Promise<void> {
    await this.tx.query(
      `INSERT INTO rebate_policy_versions (policy_id, version, snapshot, created_by)
       VALUES ($1, $2, $3::jsonb, $4)`,
      [row.id, row.version, JSON.stringify(fields), createdBy],
    );
  }

  /**
   * `lock`: `update` for a write; `key share` for a calculation, which so
   * holds its policy until it commits: a delete waits for it, then counts it.
   */
  async findPolicy(id: string, lock?: PolicyLock): Promise<PolicyRow | undefined> {
    const [row] = await this.tx.query<PolicyRow>(
      `SELECT ${POLICY_COLUMNS} FROM rebate_policies p WHERE p.id = $1 ${lockSql(lock)}`,
      [id],
    );
    return row;
  }

  async findVersion(policyId: string, version: number): Promise<PolicyVersionRow | undefined> {
    const [row] = await this.tx.query<PolicyVersionRow>(
      `SELECT policy_id AS "policyId", version, snapshot, created_by AS "createdBy",
         created_at AS "createdAt"
       FROM rebate_policy_versions WHERE policy_id = $1 AND version = $2`,
      [policyId, version],
    );
    return row;
  }

  /** `limit + 1` policies matching `where` (filters and keyset), in `orderBy` (REBATE_POLICY_LIST's). */
  async list(
    params: SqlParams,
    where: string[],
    limit: number,
    orderBy: string,
  ): Promise<PolicyRow[]> {
    return this.tx.query<PolicyRow>(
      `SELECT ${POLICY_COLUMNS} FROM rebate_policies p WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
  }

  /** How many calculations applied the policy, any version. */
  async countCalculations(policyId: string): Promise<number> {
    const [{ count }] = await this.tx.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM rebate_calculations WHERE policy_id = $1',
      [policyId],
    );
    return count;
  }

  /** The policy and, by cascade, its versions. */
  async deletePolicy(id: string): Promise<void> {
    await this.tx.query('DELETE FROM rebate_policies WHERE id = $1', [id]);
  }

  /** Another policy sharing a segment whose validity meets this one's, if any. */
  async findOverlap(fields: PolicyFields, exceptId: string | null): Promise<string | undefined> {
    const [row] = await this.tx.query<{ id: string }>(
      `SELECT p.id FROM rebate_policies p
       WHERE p.segments && $1::text[] AND p.id IS DISTINCT FROM $2::uuid
         AND ${VALIDITY('p.valid_from', 'p.valid_to')} && ${VALIDITY('$3::date', '$4::date')}
       ORDER BY p.created_at, p.id LIMIT 1`,
      [fields.segments, exceptId, fields.validFrom, fields.validTo],
    );
    return row?.id;
  }

  /** The policy for `segment` valid today in `timezone`; overlaps are refused, so at most one. */
  async findActive(segment: Segment, timezone: string): Promise<PolicyRow | undefined> {
    const [row] = await this.tx.query<PolicyRow>(
      `SELECT ${POLICY_COLUMNS} FROM rebate_policies p
       WHERE $1 = ANY (p.segments)
         AND ${VALIDITY('p.valid_from', 'p.valid_to')} @> (now() AT TIME ZONE $2)::date
       ORDER BY p.created_at DESC, p.id LIMIT 1 ${lockSql('key share')}`,
      [segment, timezone],
    );
    return row;
  }

  /** Customers matching `match` (`c.id = $n` or `c.name = $n`) within the scope, at most `limit`. */
  async findCustomers(
    match: string,
    params: SqlParams,
    scopeSql: string,
    limit: number,
  ): Promise<CalculationCustomer[]> {
    return this.tx.query<CalculationCustomer>(
      `SELECT c.id, c.segment FROM customers c WHERE ${match} AND ${scopeSql}
       ORDER BY c.created_at, c.id LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  async insertCalculation(calculation: NewCalculation): Promise<string> {
    const [row] = await this.tx.query<{ id: string }>(
      `INSERT INTO rebate_calculations (policy_id, policy_version, customer_id, quote_id,
         estimated_amount, ytd_purchases, result, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING id`,
      [
        calculation.policyId,
        calculation.policyVersion,
        calculation.customerId,
        calculation.quoteId,
        calculation.estimatedAmount,
        calculation.ytdPurchases,
        JSON.stringify(calculation.result),
        calculation.createdBy,
      ],
    );
    return row.id;
  }
}
