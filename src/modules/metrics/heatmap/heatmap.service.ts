import { Injectable, StreamableFile } from '@nestjs/common';
import { svgAnswer } from '../../../core/http/svg-answer';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { NotFoundException } from '../../../core/errors/domain.exception';
import { Language } from '../../../core/i18n/text';
import { orgMessages } from '../../org/org.exception';
import { checkedRange, MetricRange } from '../metric-range';
import { metricMessages } from '../metrics.exception';
import { heatmapSvg } from './domain/heatmap-svg';
import { perCapita } from './domain/per-capita';
import {
  DrilldownQueryDto,
  DrilldownResponse,
  HeatmapQueryDto,
  HeatmapResponse,
} from './dto/heatmap.dto';
import { HeatmapRepository } from './heatmap.repository';

/**
 * The performance heatmap (API.md §8): per org unit, its reps, their revenue
 * and the revenue per rep, in the caller's data scope; and a rep's largest orders.
 */
@Injectable()
export class HeatmapService {
  constructor(
    private readonly repository: HeatmapRepository,
    private readonly scope: DataScopeService,
  ) {}

  /**
   * A member is visible iff the caller's data scope covers the customers it
   * owns (the scope predicate over the user id): a rep sees itself, a
   * supervisor or store manager its chain, a director its subtree. Callers
   * who see everything get every unit of the type, members or not; others
   * only the units that hold one of their visible members.
   */
  async heatmap(
    principal: Principal,
    query: HeatmapQueryDto,
    language: Language,
  ): Promise<HeatmapResponse> {
    const range = checkedRange(query);
    const params = new SqlParams();
    const memberScope = this.scope.predicate(principal, 'u.id', params);
    const rows = await this.repository.rows(
      query.groupBy,
      range,
      params,
      memberScope,
      this.scope.scopeOf(principal).all,
    );
    return {
      from: range.from,
      to: range.to,
      groupBy: query.groupBy,
      rows: rows.map((row) => ({
        orgUnitId: row.orgUnitId,
        name: row.name,
        managerId: row.managerId,
        headcount: row.headcount,
        revenue: row.revenue,
        perCapitaRevenue: perCapita(row.revenue, row.headcount),
        members: row.members,
      })),
      definition: metricMessages.heatmapDefinition[language],
    };
  }

  /** The heatmap as JSON, or drawn as SVG for `?format=svg`. */
  async read(
    principal: Principal,
    query: HeatmapQueryDto,
    language: Language,
  ): Promise<HeatmapResponse | StreamableFile> {
    const heatmap = await this.heatmap(principal, query, language);
    if (query.format !== 'svg') return heatmap;
    return svgAnswer(heatmapSvg(heatmap));
  }

  /** 404 for a user outside the caller's data scope, as for one that does not exist. */
  async drilldown(principal: Principal, query: DrilldownQueryDto): Promise<DrilldownResponse> {
    const range: MetricRange = checkedRange(query);
    const params = new SqlParams();
    const userScope = this.scope.predicate(principal, 'u.id', params);
    const user = await this.repository.drilldown(query.userId, range, params, userScope);
    if (!user) throw new NotFoundException(orgMessages.user, query.userId);
    return {
      userId: user.userId,
      name: user.name,
      from: range.from,
      to: range.to,
      orders: user.orders.map((order) => ({
        orderId: order.orderId,
        orderedAt: new Date(order.orderedAt).toISOString(),
        amount: order.amount,
        customer: { id: order.customerId, name: order.customerName },
      })),
    };
  }
}
