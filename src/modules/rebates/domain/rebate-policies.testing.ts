import { compilePolicy } from './tier-math';

/** Policies the domain specs share, their figures easy to check by hand. */

/** The ladder of the formula example: 0 → 1.5 %, 2,000,000 → 2 %, 5,000,000 → 3 %. */
export const LADDER = [
  { threshold: '0.00', ratePct: '1.5' },
  { threshold: '2000000.00', ratePct: '2' },
  { threshold: '5000000.00', ratePct: '3' },
];
export const progressive = compilePolicy({ method: 'progressive', tiers: LADDER });
export const flat = compilePolicy({ method: 'flat_tier', tiers: LADDER });
/** Nothing below 100,000; capped at 10,000, which 740,000 reaches exactly. */
export const progressiveCapped = compilePolicy({
  method: 'progressive',
  tiers: [
    { threshold: '100000.00', ratePct: 1 },
    { threshold: '500000.00', ratePct: 2.5 },
  ],
  capAmount: '10000.00',
});
export const flatCapped = compilePolicy({
  method: 'flat_tier',
  tiers: [
    { threshold: '0.00', ratePct: '1' },
    { threshold: '1000000.00', ratePct: '2' },
  ],
  capAmount: '15000.00',
});
