import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { Language } from '../../../core/i18n/text';
import { isoWeekOf } from '../domain/iso-week';
import { lossRatePct, roundPct } from '../domain/statistics';
import { weeksOverlapping } from '../domain/week-buckets';
import { checkedRange } from '../metric-range';
import { metricMessages } from '../metrics.exception';
import { FunnelQueryDto, FunnelResponse } from './dto/funnel.dto';
import { FunnelRepository } from './funnel.repository';

/** The funnel (API.md §8): weekly stage arrivals and closed quotes, in the caller's scope. */
@Injectable()
export class FunnelService {
  constructor(
    private readonly funnel: FunnelRepository,
    private readonly scope: DataScopeService,
  ) {}

  async weekly(
    principal: Principal,
    query: FunnelQueryDto,
    language: Language,
  ): Promise<FunnelResponse> {
    const weeks = weeksOverlapping(checkedRange(query));
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const rows = await this.funnel.weekly(
      weeks.map((week) => week.from),
      params,
      scopeSql,
    );
    return {
      buckets: rows.map((row) => {
        const rate = lossRatePct({ won: row.quotesWon, lost: row.quotesLost });
        return {
          week: isoWeekOf(row.day).week,
          from: row.startsAt.toISOString(),
          to: row.endsAt.toISOString(),
          stages: { lead: row.lead, contacted: row.contacted, quoted: row.quoted, won: row.won },
          quotes: {
            won: row.quotesWon,
            lost: row.quotesLost,
            lossRatePct: rate === null ? null : roundPct(rate),
          },
        };
      }),
      definition: metricMessages.funnelDefinition[language],
    };
  }
}
