import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { Language } from '../../../core/i18n/text';
import { IsoWeek, parseIsoWeek, weeksBefore } from '../domain/iso-week';
import { metricMessages } from '../metrics.exception';
import { RepurchaseQueryDto, RepurchaseResponse, StoreRepurchase } from './dto/repurchase.dto';
import { RepurchaseRepository } from './repurchase.repository';
import { BASE_WEEKS, repurchaseRatePct } from './domain/repurchase-rate';

/**
 * Weekly repurchase rates by store (API.md §8): of the customers with an order
 * at a store in the 4 weeks before the week, the share who order there again
 * within the week.
 */
@Injectable()
export class RepurchaseService {
  constructor(
    private readonly repository: RepurchaseRepository,
    private readonly scope: DataScopeService,
  ) {}

  /**
   * Every store's rate for `week`, counting the customers in `principal`'s
   * data scope; without a principal (the alert rules), every customer and
   * every store, base or none. One statement.
   */
  async byStore(week: IsoWeek, principal?: Principal): Promise<StoreRepurchase[]> {
    const params = new SqlParams();
    const customerScope = principal
      ? this.scope.predicate(principal, 'c.owner_id', params)
      : 'TRUE';
    const allStores = principal ? this.scope.scopeOf(principal).all : true;
    const rows = await this.repository.byStore(
      { baseFrom: weeksBefore(week, BASE_WEEKS)[0].from, from: week.from, to: week.to },
      params,
      customerScope,
      allStores,
    );
    return rows.map((row) => ({ ...row, ratePct: repurchaseRatePct(row.base, row.repurchased) }));
  }

  async read(
    principal: Principal,
    query: RepurchaseQueryDto,
    language: Language,
  ): Promise<RepurchaseResponse> {
    // The DTO has checked that the week exists.
    const week = parseIsoWeek(query.week)!;
    return {
      week: week.week,
      from: week.from,
      to: week.to,
      groupBy: query.groupBy,
      rows: await this.byStore(week, principal),
      definition: metricMessages.repurchaseDefinition[language],
    };
  }
}
