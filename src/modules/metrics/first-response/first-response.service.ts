import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { Language } from '../../../core/i18n/text';
import { GroupedMetricQueryDto } from '../dto/metric-query.dto';
import { checkedRange } from '../metric-range';
import { firstResponseDefinition, toFigures } from './first-response';
import { FirstResponseResponse } from './first-response.dto';
import { FirstResponseRepository } from './first-response.repository';

/**
 * `GET /metrics/first-response` (API.md §8). Scope: the customers the caller
 * sees, not the pool for claiming; a rep sees its own customers' inquiries.
 * Roles that see everything see the pool too, as the group 公海.
 */
@Injectable()
export class FirstResponseService {
  constructor(
    private readonly repo: FirstResponseRepository,
    private readonly scope: DataScopeService,
  ) {}

  async measure(
    principal: Principal,
    query: GroupedMetricQueryDto,
    language: Language,
  ): Promise<FirstResponseResponse> {
    const range = checkedRange(query);
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'r.owner_id', params);
    const rows = await this.repo.measure(range, query.groupBy, params, scopeSql);
    const total = rows.find((row) => row.total)!;
    return {
      targetMinutes: total.targetMinutes,
      ...toFigures(total),
      definition: firstResponseDefinition({
        ...range,
        groupBy: query.groupBy,
        timezone: total.timezone,
        targetMinutes: total.targetMinutes,
      })[language],
      groups: rows
        .filter((row) => !row.total && row.count > 0)
        .map((row) => ({ key: row.key, name: row.name!, ...toFigures(row) })),
    };
  }
}
