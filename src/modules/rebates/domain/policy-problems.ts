import Decimal from 'decimal.js';
import type { FieldError } from '../../../core/errors/domain.exception';
import { Exact, presentMoney } from '../../quotes/domain/quote-math';
import { rebateMessages } from '../rebates.exception';
import type { UncheckedPolicy } from './tier-math';

const ZERO = new Exact(0);
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A finite number or a plain decimal string, parsed; null for anything else. */
function parseDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Exact(value) : null;
  return typeof value === 'string' && DECIMAL.test(value) ? new Exact(value) : null;
}

function parseMoney(value: unknown): Decimal | null {
  const amount = parseDecimal(value);
  return amount && amount.decimalPlaces() <= 2 ? amount : null;
}

/**
 * Every problem of a policy's tiers and cap, in field order, as the field
 * errors of a 422; empty when the policy may be compiled. Thresholds are money,
 * 0.00 or more, strictly ascending; rates are 0 or more; a cap is above 0.00.
 */
export function policyProblems(policy: UncheckedPolicy): FieldError[] {
  const problems: FieldError[] = [];
  if (policy.tiers.length === 0)
    problems.push({ field: 'tiers', message: rebateMessages.needsTiers });
  const thresholds = policy.tiers.map((tier) => parseMoney(tier.threshold));
  policy.tiers.forEach((tier, index) => {
    problems.push(...thresholdProblems(thresholds[index], thresholds[index - 1], index));
    problems.push(...rateProblems(tier.ratePct, index));
  });
  problems.push(...capProblems(policy.capAmount));
  return problems;
}

function thresholdProblems(
  threshold: Decimal | null,
  previous: Decimal | null | undefined,
  index: number,
): FieldError[] {
  const field = `tiers[${index}].threshold`;
  if (threshold === null) return [{ field, message: rebateMessages.notMoney }];
  // Ascending from a first threshold of 0 or more: so every threshold is 0 or more.
  if (threshold.lessThan(ZERO)) return [{ field, message: rebateMessages.negativeThreshold }];
  if (previous && threshold.lessThanOrEqualTo(previous)) {
    return [{ field, message: rebateMessages.thresholdAscending(presentMoney(previous)) }];
  }
  return [];
}

function rateProblems(ratePct: unknown, index: number): FieldError[] {
  const field = `tiers[${index}].ratePct`;
  const rate = parseDecimal(ratePct);
  if (rate === null) return [{ field, message: rebateMessages.notRate }];
  return rate.lessThan(ZERO) ? [{ field, message: rebateMessages.negativeRate }] : [];
}

function capProblems(capAmount: unknown): FieldError[] {
  if (capAmount === undefined || capAmount === null) return [];
  const cap = parseMoney(capAmount);
  if (cap === null) return [{ field: 'capAmount', message: rebateMessages.notMoney }];
  return cap.greaterThan(ZERO)
    ? []
    : [{ field: 'capAmount', message: rebateMessages.capNotPositive }];
}
