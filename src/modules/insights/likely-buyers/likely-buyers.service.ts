import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { SettingsService } from '../../../core/settings/settings.service';
import { wallClockDay } from '../../../core/time/wall-clock';
import { isoWeekOf, weeksBefore } from '../../metrics/domain/iso-week';
import { mean, precisionAtK } from '../domain/backtest';
import { BuyerEvidence, LikelyBuyerScore, scoreLikelyBuyer } from '../domain/likely-buyer';
import { purchaseCycle } from '../domain/purchase-cycle';
import {
  BacktestQueryDto,
  BacktestResponse,
  LikelyBuyer,
  LikelyBuyersQueryDto,
  LikelyBuyersResponse,
} from './dto/likely-buyers.dto';
import {
  EvidenceRow,
  LikelyBuyersRepository,
  RankingScope,
  ScoreBound,
} from './likely-buyers.repository';

/** The cycle assumed from a single order when no customer in scope has a measured one. */
const DEFAULT_INTERVAL_DAYS = 30;
/** A backtest week is a 7-day horizon. */
const WEEK_DAYS = 7;
/** How many bounds a ranking of k reads at first: k times this, and at least MIN_BOUNDS_READ. */
const BOUNDS_READ_PER_RANKED = 10;
const MIN_BOUNDS_READ = 200;
/** How many times more bounds each further read takes, when the first did not settle the top k. */
const BOUNDS_READ_GROWTH = 10;

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

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

/** Where a customer stands in the model's order: score, then the expected order, then id. */
type RankKey = Pick<ScoreBound, 'customerId' | 'expectedAt'> & { score: number };

/** Most likely first: the higher score, then the earlier expected order, then the lower id. */
function compareRankKeys(a: RankKey, b: RankKey): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.expectedAt !== b.expectedAt) return a.expectedAt < b.expectedAt ? -1 : 1;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

function rankKey({ row, scored }: ScoredCustomer): RankKey {
  return {
    score: scored.score,
    // Customers without orders come after those with, as in the bounds' order.
    expectedAt: scored.expectedOrderAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
    customerId: row.customerId,
  };
}

/**
 * A bound's key is never after its customer's exact key: the score is at most the bound, the
 * expected order the same (or, for a single order, -Infinity). So once the k-th exact key comes
 * before the next unread bound's, every unread customer ranks after it.
 */
const boundKey = (bound: ScoreBound): RankKey => ({ ...bound, score: bound.bound });

/**
 * Likely buyers and their backtest (API.md §11). The model (domain/likely-buyer.ts) scores a
 * customer's evidence. Scoring every customer in scope would read every customer's evidence, so
 * the ranking first reads the most each can score (its bound: LikelyBuyersRepository.bounds,
 * one pass in SQL), then the evidence of the highest bounds only, and scores those exactly: once
 * the k-th exact customer ranks before the next unread bound, no customer left unread can reach
 * the top k (see boundKey), and the answer is the one scoring everyone would give.
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
    const top = await this.topRanked(
      () => this.rankingScope(principal, asOf, query.days, query.ownerId),
      query.limit,
    );
    const items: LikelyBuyer[] = top.map(({ row, scored }) => ({
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
      const scope = () => this.rankingScope(principal, from, WEEK_DAYS);
      const model = (await this.topRanked(scope, query.limit)).map(({ row }) => row.customerId);
      const baseline = await this.repository.latestBuyers(scope(), query.limit);
      const buyers = await this.repository.buyers(
        this.rankingScope(principal, to, WEEK_DAYS),
        from,
        [...model, ...baseline],
      );
      const bought = new Set(buyers.among);
      results.push({
        week: week.week,
        precisionAtK: precisionAtK(model, bought, query.limit),
        baselinePrecisionAtK: precisionAtK(baseline, bought, query.limit),
        buyers: buyers.count,
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

  /**
   * The `take` customers the model ranks first, scored, with a score above 0. `scope` makes
   * the ranking's scope afresh for each statement (each has its own parameters).
   */
  private async topRanked(scope: () => RankingScope, take: number): Promise<ScoredCustomer[]> {
    const scored = new Map<string, ScoredCustomer>();
    let fallbackDays: Promise<number> | undefined;
    const fallback = () =>
      (fallbackDays ??= this.repository
        .typicalIntervalDays(scope())
        .then((days) => days ?? DEFAULT_INTERVAL_DAYS));
    for (let read = Math.max(MIN_BOUNDS_READ, take * BOUNDS_READ_PER_RANKED); ;) {
      const bounds = await this.repository.bounds(scope(), read + 1);
      const unread = bounds.slice(0, read).filter((bound) => !scored.has(bound.customerId));
      for (const customer of await this.score(scope(), unread, fallback)) {
        scored.set(customer.row.customerId, customer);
      }
      const top = [...scored.values()]
        .filter((customer) => customer.scored.score > 0)
        .sort((a, b) => compareRankKeys(rankKey(a), rankKey(b)))
        .slice(0, take);
      const next = bounds[read];
      const settled =
        !next ||
        (top.length === take && compareRankKeys(rankKey(top[take - 1]), boundKey(next)) < 0);
      if (settled) return top;
      read *= BOUNDS_READ_GROWTH;
    }
  }

  /** The model's score of each customer of `bounds`; `fallbackDays` is asked only for a single order. */
  private async score(
    scope: RankingScope,
    bounds: readonly ScoreBound[],
    fallbackDays: () => Promise<number>,
  ): Promise<ScoredCustomer[]> {
    const { asOf, horizonDays } = scope;
    const rows = await this.repository.evidence(
      scope,
      bounds.map((bound) => bound.customerId),
    );
    const needsFallback = rows.some(
      (row) => row.orderDays !== null && row.medianIntervalDays === null,
    );
    const fallback = needsFallback ? await fallbackDays() : DEFAULT_INTERVAL_DAYS;
    return rows.map((row) => ({
      row,
      scored: scoreLikelyBuyer(evidenceOf(row, horizonDays, fallback), asOf, horizonDays),
    }));
  }

  private rankingScope(
    principal: Principal,
    asOf: Date,
    horizonDays: number,
    ownerId?: string,
  ): RankingScope {
    const params = new SqlParams();
    const customerScope = this.scope.predicate(principal, 'c.owner_id', params);
    return { asOf, horizonDays, customerScope, ownerId, params };
  }
}
