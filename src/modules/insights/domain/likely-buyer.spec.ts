import { BuyerEvidence, scoreLikelyBuyer, WEIGHTS } from './likely-buyer';
import { DAY_MS, purchaseCycle, summariseOrderDays } from './purchase-cycle';

const AS_OF = new Date('2026-12-07T00:00:00Z');
const daysAgo = (n: number) => new Date(AS_OF.getTime() - n * DAY_MS);
/** The cycle of orders on these times, 30 days assumed for a single order. */
const cycleOf = (times: Date[]) => {
  const summary = summariseOrderDays(times, (time) => Math.floor(time.getTime() / DAY_MS));
  return summary && purchaseCycle(summary, 30);
};
/** Orders on these days before AS_OF. */
const ordersDaysAgo = (...ago: number[]) => ago.map(daysAgo);

function evidence(orderDaysAgo: number[], more: Partial<BuyerEvidence> = {}): BuyerEvidence {
  return {
    cycle: cycleOf(ordersDaysAgo(...orderDaysAgo)),
    signals: { recent: 0, previous: 0, windowDays: 7 },
    openApprovedQuotes: { count: 0, total: '0.00' },
    latestObjections: [],
    lastInteractionAt: orderDaysAgo.length ? daysAgo(Math.min(...orderDaysAgo)) : undefined,
    ...more,
  };
}
const score = (e: BuyerEvidence) => scoreLikelyBuyer(e, AS_OF, 7);

/** Every 14 days, the last 11 days ago: due in 3 days. */
const STRICT_14_DAY = [11, 25, 39, 53, 67, 81];
/** Gaps of 3 to 40 days, the last 11 days ago. */
const IRREGULAR = [11, 14, 54, 60, 88, 93];

describe('scoreLikelyBuyer', () => {
  it('ranks a strict 14-day buyer due in 3 days above an irregular buyer', () => {
    const strict = score(evidence(STRICT_14_DAY));
    const irregular = score(evidence(IRREGULAR));
    expect(strict.score).toBeGreaterThan(irregular.score);
    expect(strict.reasons[0]).toMatchObject({
      code: 'cycle_due',
      text: '按平均 14 天的采购周期，预计 3 天后下单',
    });
    expect(strict.expectedOrderAt).toEqual(new Date(AS_OF.getTime() + 3 * DAY_MS));
  });

  it('lets a customer silent for 60 days fall, with the silence as a reason', () => {
    const talking = score(evidence(STRICT_14_DAY, { lastInteractionAt: daysAgo(2) }));
    const silent = score(evidence(STRICT_14_DAY, { lastInteractionAt: daysAgo(60) }));
    expect(silent.score).toBeLessThan(talking.score - 0.3);
    expect(silent.reasons).toContainEqual({
      code: 'silence',
      text: '已 60 天没有任何互动',
      weight: -WEIGHTS.silence,
    });
  });

  it('lets a buyer long past its cycle (it stopped buying) fall like one not yet due', () => {
    // Still in touch (a follow-up 2 days ago), so only the cycle speaks: 46 days past its date.
    const lapsed = score(evidence([60, 74, 88, 102], { lastInteractionAt: daysAgo(2) }));
    expect(lapsed.reasons).toEqual([
      expect.objectContaining({
        code: 'cycle_overdue',
        text: '按平均 14 天的采购周期，已超过预计下单日 46 天',
      }),
    ]);
    expect(lapsed.score).toBeLessThan(0.01);
  });

  it('makes the score the sum of the reasons’ weights, held to [0, 1]', () => {
    const rich = score(
      evidence(STRICT_14_DAY, {
        signals: { recent: 12, previous: 4, windowDays: 7 },
        openApprovedQuotes: { count: 1, total: '12300.00' },
      }),
    );
    const sum = rich.reasons.reduce((total, reason) => total + reason.weight, 0);
    expect(rich.score).toBeCloseTo(Math.min(1, sum), 4);
    expect(rich.reasons.map((reason) => reason.text)).toEqual(
      expect.arrayContaining([
        '有 1 张已批准未成交的报价，合计 ¥12300.00',
        '近 7 天互动信号增长 200%（4 → 12 次）',
      ]),
    );
    const gloomy = score(
      evidence([], {
        latestObjections: ['price', 'competitor', 'quality', 'payment'],
        lastInteractionAt: daysAgo(90),
      }),
    );
    expect(gloomy.score).toBe(0);
    expect(gloomy.reasons.map((reason) => reason.code)).toEqual(['silence', 'objection']);
    expect(gloomy.reasons[1].weight).toBe(-WEIGHTS.objectionsAtMost);
  });

  it('takes objections from the latest follow-up off the score, and names them', () => {
    const plain = score(evidence(STRICT_14_DAY));
    const objected = score(evidence(STRICT_14_DAY, { latestObjections: ['price', 'delivery'] }));
    expect(objected.score).toBeCloseTo(plain.score - WEIGHTS.objection, 4);
    expect(objected.reasons).toContainEqual(
      expect.objectContaining({ code: 'objection', text: '最近一次跟进提到价格异议' }),
    );
  });

  it('counts signals only when they grow from at least 3', () => {
    const few = score(
      evidence(STRICT_14_DAY, { signals: { recent: 2, previous: 0, windowDays: 7 } }),
    );
    const fewer = score(
      evidence(STRICT_14_DAY, { signals: { recent: 5, previous: 6, windowDays: 7 } }),
    );
    const fresh = score(
      evidence(STRICT_14_DAY, { signals: { recent: 4, previous: 0, windowDays: 7 } }),
    );
    expect(few.reasons.map((reason) => reason.code)).not.toContain('signals_growing');
    expect(fewer.reasons.map((reason) => reason.code)).not.toContain('signals_growing');
    expect(fresh.reasons).toContainEqual({
      code: 'signals_growing',
      text: '近 7 天新出现 4 次互动信号',
      weight: WEIGHTS.signals,
    });
  });

  it('trusts a cycle guessed from fewer than 3 orders less, and says so', () => {
    const measured = score(evidence([11, 25, 39]));
    const assumed = score(evidence([11, 25]));
    expect(assumed.score).toBeLessThan(measured.score);
    expect(assumed.reasons[0].text).toBe('订单较少（2 单），按约 14 天的周期估计，预计 3 天后下单');
  });

  it('gives no cycle, and no expected date, to a customer without orders', () => {
    const none = score(evidence([]));
    expect(none).toEqual({ score: 0, expectedOrderAt: null, reasons: [] });
  });
});
