import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../core/database/sql-params';
import { ComplianceRepository } from './compliance/compliance.repository';
import { IsoWeek } from './domain/iso-week';
import { UnitMetric } from './domain/unit-metrics';
import { FirstResponseRepository } from './first-response/first-response.repository';
import { RepurchaseService } from './repurchase/repurchase.service';

/** One unit's value of a metric for a week, unrounded; null when there was nothing to measure. */
export interface UnitMetricValue {
  value: number | null;
  /** The counts behind the value, e.g. `{ base, repurchased }`. */
  detail: Record<string, number>;
}

/** A job's data scope: the whole organisation. */
const ORG_WIDE = 'TRUE';

/** × 100 first, as lossRatePct does: 1 × 100 / 8 is exactly 12.5. */
const sharePct = (part: number, whole: number) => (whole === 0 ? null : (part * 100) / whole);

/**
 * The metrics of API.md §8 per org unit for one week, across the whole
 * organisation (a job, not a caller, asks): the same statements as the
 * routes, grouped by unit. A unit is a store for the repurchase rate (the
 * store of the orders) and the customer owner's own org unit for the others.
 */
@Injectable()
export class UnitMetricsService {
  constructor(
    private readonly firstResponse: FirstResponseRepository,
    private readonly compliance: ComplianceRepository,
    private readonly repurchase: RepurchaseService,
  ) {}

  /** Each measured unit's value, by org-unit id; units with nothing to measure are absent. */
  async weekly(metric: UnitMetric, week: IsoWeek): Promise<Map<string, UnitMetricValue>> {
    const range = { from: week.from, to: week.to };
    const values = new Map<string, UnitMetricValue>();
    switch (metric) {
      case 'repurchase_rate':
        for (const { orgUnitId, base, repurchased } of await this.repurchase.byStore(week)) {
          values.set(orgUnitId, {
            value: sharePct(repurchased, base),
            detail: { base, repurchased },
          });
        }
        break;
      case 'first_response_within_target_pct': {
        const teams = await this.firstResponse.measure(range, 'team', new SqlParams(), ORG_WIDE);
        for (const row of teams) {
          if (row.total || row.key === null) continue;
          const { count, within, counted } = row;
          values.set(row.key, {
            value: sharePct(within, counted),
            detail: { count, within, counted },
          });
        }
        break;
      }
      case 'compliance_rate': {
        const teams = await this.compliance.counts(range, 'team', new SqlParams(), () => ORG_WIDE);
        for (const row of teams) {
          if (row.total || row.key === null) continue;
          const { due, fulfilled } = row;
          values.set(row.key, { value: sharePct(fulfilled, due), detail: { due, fulfilled } });
        }
        break;
      }
    }
    return values;
  }
}
