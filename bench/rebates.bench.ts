/**
 * `npm run bench -- rebates`: the rebate calculator's costs (issue 15).
 *
 * The pure tier math: evaluations per second of `rebateFigures` (what one calculation computes:
 * the capped rebate of the basis and of the year to date, and their exact difference), for a
 * progressive and a flat_tier policy of three tiers with a cap, over amounts spread across every
 * tier. Target ≥ 200,000/s. Beside it, in the same run, decimal.js's own speed on this machine:
 * multiply-adds per second (`a + b × c`), the operation the math is made of, so that the ratio
 * says how many of them an evaluation costs.
 */
import Decimal from 'decimal.js';
import { Exact } from '../src/modules/quotes/domain/quote-math';
import {
  CompiledPolicy,
  compilePolicy,
  rebateFigures,
} from '../src/modules/rebates/domain/tier-math';
import { BenchReport, report, round } from './harness';

const SECONDS = Number(process.env.BENCH_REBATES_SECONDS ?? 1);
const TARGET_PER_SECOND = 200_000;

const TIERS = [
  { threshold: '0.00', ratePct: '1.5' },
  { threshold: '2000000.00', ratePct: '2' },
  { threshold: '5000000.00', ratePct: '3' },
];
const POLICIES: Record<string, CompiledPolicy> = {
  progressive: compilePolicy({ method: 'progressive', tiers: TIERS, capAmount: '500000.00' }),
  flat_tier: compilePolicy({ method: 'flat_tier', tiers: TIERS, capAmount: '500000.00' }),
};

/** 1,024 (year to date, estimate) pairs from 0 to 10,000,000.00, in cents, fixed by a seed. */
function amountPairs(): [Decimal, Decimal][] {
  let seed = 20261206;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return new Exact(seed % 1_000_000_000).div(100);
  };
  return Array.from({ length: 1024 }, () => [next(), next()]);
}

/** Calls per second of `fn` over `SECONDS`, after a warm-up; `fn(i)` does one call. */
function perSecond(fn: (i: number) => unknown): number {
  for (let i = 0; i < 20_000; i++) fn(i);
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 1000; i++) fn(calls + i);
    calls += 1000;
  }
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}

export function rebatesBenchmark(): Promise<BenchReport> {
  const pairs = amountPairs();
  const mask = pairs.length - 1;
  const multiplyAdds = perSecond((i) => {
    const [a, b] = pairs[i & mask];
    return a.plus(b.times(a));
  });
  const figures = Object.entries(POLICIES).map(([method, policy]) => {
    const value = perSecond((i) => {
      const [ytd, estimated] = pairs[i & mask];
      return rebateFigures(policy, ytd, estimated);
    });
    return {
      name: `rebate evaluations (${method}, 3 tiers and a cap)`,
      value: round(value, 0),
      unit: 'evaluations/s',
      baseline: {
        name: 'decimal.js multiply-adds (a + b × c), same run',
        value: round(multiplyAdds, 0),
        unit: 'operations/s',
      },
      ratio: round(value / multiplyAdds, 3),
      target: `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')} evaluations/s`,
      pass: value >= TARGET_PER_SECOND,
    };
  });
  return Promise.resolve(
    report('rebates', figures, {
      method: `${SECONDS} s per figure after 20,000 warm-up calls, over 1,024 seeded amount pairs up to 10,000,000.00`,
    }),
  );
}
