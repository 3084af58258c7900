import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { Language } from '../../../core/i18n/text';
import { roundPct } from '../domain/statistics';
import { GroupedMetricQueryDto } from '../dto/metric-query.dto';
import { checkedRange } from '../metric-range';
import { metricMessages } from '../metrics.exception';
import { ComplianceRepository } from './compliance.repository';
import { ActionComplianceResponse } from './dto/compliance.dto';

const ratePct = (due: number, fulfilled: number) => roundPct((fulfilled * 100) / due);

/**
 * Action compliance (API.md §8): of what was due in the range, the share
 * done. Each obligation or contract counts for the rep it measures (its
 * owner), in the caller's data scope over that rep, so a rep sees only its
 * own and a supervisor its team's.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly compliance: ComplianceRepository,
    private readonly scope: DataScopeService,
  ) {}

  async metric(
    principal: Principal,
    query: GroupedMetricQueryDto,
    language: Language,
  ): Promise<ActionComplianceResponse> {
    const range = checkedRange(query);
    const params = new SqlParams();
    const rows = await this.compliance.counts(range, query.groupBy, params, (ownerColumn) =>
      this.scope.predicate(principal, ownerColumn, params),
    );
    const total = rows.find((row) => row.total);
    const due = total?.due ?? 0;
    const fulfilled = total?.fulfilled ?? 0;
    return {
      due,
      fulfilled,
      ratePct: due === 0 ? null : ratePct(due, fulfilled),
      groups: rows
        .filter((row) => !row.total && row.key !== null)
        .map((row) => ({
          key: row.key!,
          name: row.name ?? '',
          due: row.due,
          fulfilled: row.fulfilled,
          ratePct: ratePct(row.due, row.fulfilled),
        })),
      definition: metricMessages.complianceDefinition[language],
    };
  }
}
