import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SettingsService } from '../../../core/settings/settings.service';
import { DAY_MS } from '../domain/purchase-cycle';
import { EvidenceRow, LikelyBuyersRepository, ScoreBound } from './likely-buyers.repository';
import { LikelyBuyersService } from './likely-buyers.service';

const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS);

/** A customer of a measured cycle of `interval` days (spread `mad`), who last ordered `last` days ago. */
function customer(id: string, interval: number, mad: number, last: number): EvidenceRow {
  return {
    customerId: id,
    name: id,
    ownerId: 'rep',
    orderDays: 10,
    lastOrderAt: daysAgo(last),
    medianIntervalDays: interval,
    madDays: mad,
    recentSignals: 0,
    previousSignals: 0,
    openQuotes: 0,
    openQuotesTotal: '0',
    objections: [],
    lastInteractionAt: daysAgo(last),
  };
}

/** The bound of `row`'s customer, with its expected order as the SQL gives it. */
const boundOf = (row: EvidenceRow, bound: number): ScoreBound => ({
  customerId: row.customerId,
  bound,
  expectedAt: row.lastOrderAt!.getTime() + row.medianIntervalDays! * DAY_MS,
});

/**
 * A repository over fixed evidence and bounds, recording what it was asked: the ranking's
 * algorithm, without a database (the SQL bound itself is checked in the likely-buyers e2e spec).
 */
function fakeRepository(rows: EvidenceRow[], bounds: ScoreBound[]) {
  const sorted = [...bounds].sort(
    (a, b) =>
      b.bound - a.bound || a.expectedAt - b.expectedAt || a.customerId.localeCompare(b.customerId),
  );
  const calls = { bounds: [] as number[], evidence: [] as string[] };
  const repository = {
    bounds: (_scope: unknown, limit: number) => {
      calls.bounds.push(limit);
      return Promise.resolve(sorted.slice(0, limit));
    },
    evidence: (_scope: unknown, ids: readonly string[]) => {
      calls.evidence.push(...ids);
      return Promise.resolve(rows.filter((row) => ids.includes(row.customerId)));
    },
    typicalIntervalDays: () => Promise.resolve(null),
  };
  return { repository: repository as unknown as LikelyBuyersRepository, calls };
}

function service(repository: LikelyBuyersRepository) {
  const scope = { predicate: () => 'TRUE' } as unknown as DataScopeService;
  const settings = {
    get: () => Promise.resolve({ timezone: 'Asia/Shanghai' }),
  } as unknown as SettingsService;
  return new LikelyBuyersService(repository, scope, settings);
}

const principal = {} as Principal;

describe('LikelyBuyersService.rank: exact scores for the highest bounds only', () => {
  // 250 customers due today on a 60-day cycle, but silent for 60 days: a bound of 0.5455, a
  // score of 0.1955. One steady 14-day buyer due in 4 days, heard from 10 days ago: a bound and
  // a score of 0.4951. It is the top customer, behind 250 higher bounds.
  const decoys = Array.from({ length: 250 }, (_, i) =>
    customer(`decoy-${String(i).padStart(3, '0')}`, 60, 0, 60),
  );
  const steady = customer('steady', 14, 2, 10);

  it('reads further bounds until no unread customer can reach the top k', async () => {
    const { repository, calls } = fakeRepository(
      [...decoys, steady],
      [...decoys.map((row) => boundOf(row, 0.5455)), boundOf(steady, 0.4951)],
    );
    const ranking = await service(repository).rank(principal, { days: 7, limit: 1 });
    expect(ranking.items.map((item) => item.customerId)).toEqual(['steady']);
    expect(calls.bounds).toEqual([201, 2001]);
    // Each customer's evidence is read once.
    expect(new Set(calls.evidence).size).toBe(calls.evidence.length);
  });

  it('stops at the first read when its k-th score is above the next bound', async () => {
    const { repository, calls } = fakeRepository(
      [steady, ...decoys],
      [boundOf(steady, 0.4951), ...decoys.map((row) => boundOf(row, 0.1))],
    );
    const ranking = await service(repository).rank(principal, { days: 7, limit: 1 });
    expect(ranking.items.map((item) => item.customerId)).toEqual(['steady']);
    expect(calls.bounds).toEqual([201]);
    expect(calls.evidence).toHaveLength(200);
  });

  it('settles ties at the first read: by the expected order, then id, as the bounds come', async () => {
    // 300 steady buyers alike but for the day they last ordered: one scores what it bounds.
    const alike = Array.from({ length: 300 }, (_, i) =>
      customer(`alike-${String(i).padStart(3, '0')}`, 14, 2, 10 + (i % 3)),
    );
    const { repository, calls } = fakeRepository(
      alike,
      alike.map((row) => boundOf(row, 0.4951)),
    );
    const ranking = await service(repository).rank(principal, { days: 7, limit: 3 });
    // Those who ordered 12 days ago are due first; among them, the lowest ids.
    expect(ranking.items.map((item) => item.customerId)).toEqual([
      'alike-002',
      'alike-005',
      'alike-008',
    ]);
    expect(ranking.items.map((item) => item.score)).toEqual([0.4951, 0.4951, 0.4951]);
    expect(calls.bounds).toEqual([201]);
  });
});
