import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { SettingsService } from '../../../core/settings/settings.service';
import { wallClockDay } from '../../../core/time/wall-clock';
import { isoWeekOf, weeksBefore } from '../../metrics/domain/iso-week';
import { mean, precisionAtK, rankByRecency } from '../domain/backtest';
import { BuyerEvidence, LikelyBuyerScore, scoreLikelyBuyer } from '../domain/likely-buyer';
import { median, MIN_ORDERS_FOR_CYCLE, purchaseCycle } from '../domain/purchase-cycle';
import {
  BacktestQueryDto,
  BacktestResponse,
  LikelyBuyer,
  LikelyBuyersQueryDto,
  LikelyBuyersResponse,
} from './dto/likely-buyers.dto';
import { EvidenceRow, LikelyBuyersRepository } from './likely-buyers.repository';

/** The cycle assumed from a single order when no customer in scope has a measured one. */
const DEFAULT_INTERVAL_DAYS = 30;
/** A backtest week is a 7-day horizon. */
const WEEK_DAYS = 7;

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The cycle a customer with a single order is assumed to have: the median cycle of the
 * customers in scope with a measured one, so that it fits the trade (bakeries buy weekly,
 * bearing distributors monthly).
 */
function fallbackIntervalDays(rows: readonly EvidenceRow[]): number {
  const measured = rows
    .filter((row) => (row.orderDays ?? 0) >= MIN_ORDERS_FOR_CYCLE)
    .map((row) => row.medianIntervalDays!);
  return measured.length ? median(measured) : DEFAULT_INTERVAL_DAYS;
}

function evidenceOf(row: EvidenceRow, windowDays: number, fallbackDays: number): BuyerEvidence {
  return {
    cycle:
      row.orderDays && row.lastOrderAt
        ? purchaseCycle(
            {
              orderDays: row.orderDays,
              lastOrderAt: row.lastOrderAt,
              medianIntervalDays: row.medianIntervalDays,
              madDays: row.madDays,
            },
            fallbackDays,
          )
        : undefined,
    signals: { recent: row.recentSignals, previous: row.previousSignals, windowDays },
    openApprovedQuotes: { count: row.openQuotes, total: row.openQuotesTotal },
    latestObjections: row.objections,
    lastInteractionAt: row.lastInteractionAt ?? undefined,
  };
}

interface ScoredCustomer {
  row: EvidenceRow;
  scored: LikelyBuyerScore;
}

/** Every row scored, most likely first; ties by the expected order, then customer id. */
function ranked(rows: readonly EvidenceRow[], asOf: Date, horizonDays: number): ScoredCustomer[] {
  const fallbackDays = fallbackIntervalDays(rows);
  const expected = (customer: ScoredCustomer) =>
    customer.scored.expectedOrderAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return rows
    .map((row) => ({
      row,
      scored: scoreLikelyBuyer(evidenceOf(row, horizonDays, fallbackDays), asOf, horizonDays),
    }))
    .filter((customer) => customer.scored.score > 0)
    .sort(
      (a, b) =>
        b.scored.score - a.scored.score ||
        expected(a) - expected(b) ||
        (a.row.customerId < b.row.customerId ? -1 : 1),
    );
}

/**
 * Likely buyers and their backtest (API.md §11). The evidence of every customer in scope comes
 * in one statement (LikelyBuyersRepository); the model (domain/likely-buyer.ts) scores it.
 */
@Injectable()
export class LikelyBuyersService {
  constructor(
    private readonly repository: LikelyBuyersRepository,
    private readonly scope: DataScopeService,
    private readonly settings: SettingsService,
  ) {}

  async rank(principal: Principal, query: LikelyBuyersQueryDto): Promise<LikelyBuyersResponse> {
    const asOf = new Date();
    const { timezone } = await this.settings.get();
    const rows = await this.evidence(principal, asOf, query.days, query.ownerId);
    const items: LikelyBuyer[] = ranked(rows, asOf, query.days)
      .slice(0, query.limit)
      .map(({ row, scored }) => ({
        customerId: row.customerId,
        name: row.name,
        ownerId: row.ownerId,
        score: scored.score,
        expectedOrderDate: scored.expectedOrderAt && wallClockDay(scored.expectedOrderAt, timezone),
        reasons: scored.reasons,
      }));
    return { generatedAt: asOf.toISOString(), horizonDays: query.days, items };
  }

  /**
   * Replays the last `weeks` complete weeks: each is ranked as of its Monday 00:00 with only
   * the data before it, for a 7-day horizon, and the model's top k and the recency baseline's
   * are checked against the customers who ordered in the week.
   */
  async backtest(principal: Principal, query: BacktestQueryDto): Promise<BacktestResponse> {
    const { timezone } = await this.settings.get();
    const weeks = weeksBefore(isoWeekOf(wallClockDay(new Date(), timezone)), query.weeks);
    const starts = await this.repository.dayStarts([
      ...weeks.map((week) => week.from),
      weeks.at(-1)!.to,
    ]);
    const results = [];
    for (const [index, week] of weeks.entries()) {
      const [from, to] = [starts[index], starts[index + 1]];
      const rows = await this.evidence(principal, from, WEEK_DAYS);
      const buyers = await this.buyers(principal, from, to);
      const model = ranked(rows, from, WEEK_DAYS).map((customer) => customer.row.customerId);
      results.push({
        week: week.week,
        precisionAtK: precisionAtK(model, buyers, query.limit),
        baselinePrecisionAtK: precisionAtK(rankByRecency(rows), buyers, query.limit),
        buyers: buyers.size,
      });
    }
    return {
      k: query.limit,
      weeks: results.map((week) => ({
        ...week,
        precisionAtK: round4(week.precisionAtK),
        baselinePrecisionAtK: round4(week.baselinePrecisionAtK),
      })),
      meanPrecisionAtK: round4(mean(results.map((week) => week.precisionAtK))),
      meanBaselinePrecisionAtK: round4(mean(results.map((week) => week.baselinePrecisionAtK))),
    };
  }

  private evidence(principal: Principal, asOf: Date, windowDays: number, ownerId?: string) {
    const params = new SqlParams();
    const customerScope = this.scope.predicate(principal, 'c.owner_id', params);
    return this.repository.evidence({ asOf, windowDays, customerScope, ownerId, params });
  }

  private async buyers(principal: Principal, from: Date, to: Date): Promise<Set<string>> {
    const params = new SqlParams();
    const customerScope = this.scope.predicate(principal, 'c.owner_id', params);
    return new Set(await this.repository.buyers(from, to, customerScope, params));
  }
}
