import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../../core/database/sql-params';
import { TransactionHost } from '../../../core/database/transaction-host';
import type { CustomFieldEntity } from '../../custom-fields/domain/custom-field';
import { MetricRange, orgDayStartSql } from '../metric-range';
import type { StoreOrTeam } from './dto/custom-field-metric.dto';

export interface CustomFieldCountsRowData {
  orgUnitId: string;
  name: string;
  counts: Record<string, number>;
}

/**
 * Where each entity's records are, as `e`; whose data scope covers them (a
 * record is seen by whoever sees its customer, as everywhere); and the user
 * whose org unit it counts for: the customer's owner, or, for a quote, the
 * quote's own owner.
 */
export const CUSTOM_FIELD_SOURCES: Record<
  CustomFieldEntity,
  { from: string; scopeOwner: string; owner: string }
> = {
  customer: { from: 'customers e', scopeOwner: 'e.owner_id', owner: 'e.owner_id' },
  follow_up: {
    from: 'follow_ups e JOIN customers c ON c.id = e.customer_id',
    scopeOwner: 'c.owner_id',
    owner: 'c.owner_id',
  },
  quote: {
    from: 'quotes e JOIN customers c ON c.id = e.customer_id',
    scopeOwner: 'c.owner_id',
    owner: 'e.owner_id',
  },
};

/** SQL of `GET /metrics/custom-field` (API.md §9). */
@Injectable()
export class CustomFieldMetricRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Per org unit of type `groupBy`, how many of the records created in the
   * range carry each value of `key`; a record counts for every unit whose
   * subtree holds its owner's org unit. An array value (multiselect) counts
   * once per distinct element; a JSON null counts nothing. `scopeSql` is the
   * caller's data scope over the entity's `scopeOwner`. One statement; `?` on
   * custom_fields can use its GIN index.
   */
  async counts(
    entity: CustomFieldEntity,
    key: string,
    groupBy: StoreOrTeam,
    range: MetricRange,
    params: SqlParams,
    scopeSql: string,
  ): Promise<CustomFieldCountsRowData[]> {
    const source = CUSTOM_FIELD_SOURCES[entity];
    const type = params.add(groupBy);
    const keyParam = params.add(key);
    const from = orgDayStartSql(params.add(range.from));
    const to = orgDayStartSql(params.add(range.to));
    return this.tx.query<CustomFieldCountsRowData>(
      `WITH RECURSIVE tree(root_id, id) AS (
         SELECT r.id, r.id FROM org_units r WHERE r.type = ${type}
         UNION SELECT tree.root_id, o.id FROM org_units o JOIN tree ON o.parent_id = tree.id
       ),
       vals AS (
         SELECT DISTINCT e.id, ou.org_unit_id, v.value
         FROM ${source.from}
         JOIN users ou ON ou.id = ${source.owner}
         CROSS JOIN LATERAL jsonb_array_elements_text(
           CASE jsonb_typeof(e.custom_fields -> ${keyParam})
             WHEN 'array' THEN e.custom_fields -> ${keyParam}
             ELSE jsonb_build_array(e.custom_fields -> ${keyParam})
           END) AS v(value)
         WHERE e.custom_fields ? ${keyParam}
           AND e.created_at >= ${from} AND e.created_at < ${to}
           AND v.value IS NOT NULL AND ${scopeSql}
       ),
       counted AS (
         SELECT tree.root_id, vals.value, count(*)::int AS n
         FROM vals JOIN tree ON tree.id = vals.org_unit_id
         GROUP BY tree.root_id, vals.value
       )
       SELECT u.id AS "orgUnitId", u.name, jsonb_object_agg(counted.value, counted.n) AS counts
       FROM counted JOIN org_units u ON u.id = counted.root_id
       GROUP BY u.id, u.name
       ORDER BY u.name, u.id`,
      params.values,
    );
  }
}
