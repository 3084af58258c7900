import Decimal from 'decimal.js';
import type { FieldError } from '../../../core/errors/domain.exception';
import type { Text } from '../../../core/i18n/text';
import type { Role } from '../../../core/auth/roles';
import { DiscountFigures, quoteMessages } from '../quotes.exception';
import { Exact, PricedLine, presentPct, presentPctOrNull, QuoteTotals } from './quote-math';

/**
 * The approval policy (API.md §5) and its resolution, pure.
 *
 * A chain names only the roles for which the contract says who decides a
 * step (the owner's direct supervisor, any finance BP, the director of the
 * owner's region); any other role would leave a step nobody can decide.
 */
export const APPROVER_ROLES = [
  'supervisor',
  'finance_bp',
  'regional_director',
] as const satisfies readonly Role[];
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export interface ApprovalRule {
  /** A quote whose discount reaches this percentage (0–99.99) matches. */
  minDiscountPct: number;
  /** The roles that decide, in order. */
  chain: ApproverRole[];
}

export interface ApprovalPolicy {
  rules: ApprovalRule[];
}

/** Any line below its list price: supervisor, then finance BP, then regional director. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  rules: [{ minDiscountPct: 0, chain: ['supervisor', 'finance_bp', 'regional_director'] }],
};

/** A policy as a client sends it: typed by the DTO, not yet checked as a whole. */
export interface UncheckedPolicy {
  rules: { minDiscountPct: number; chain: string[] }[];
}

export type PolicyCheck =
  { ok: true; policy: ApprovalPolicy } | { ok: false; errors: FieldError[] };

const isApproverRole = (role: string): role is ApproverRole =>
  (APPROVER_ROLES as readonly string[]).includes(role);

/**
 * At least one rule; thresholds from 0 to 99.99 with 2 places at most, in
 * strictly ascending order (so each is unique and the policy reads as a
 * ladder); each chain non-empty, of approver roles, none twice. A discount
 * below the lowest threshold needs no approval: an admin who sets the lowest
 * rule above 0 chooses that.
 */
export function checkPolicy(input: UncheckedPolicy): PolicyCheck {
  const errors: FieldError[] = [];
  if (input.rules.length === 0) errors.push({ field: 'rules', message: quoteMessages.needsRules });
  input.rules.forEach((rule, index) => {
    errors.push(...thresholdErrors(rule.minDiscountPct, input.rules[index - 1], index));
    errors.push(...chainErrors(rule.chain, `rules[${index}].chain`));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, policy: input as ApprovalPolicy };
}

function thresholdErrors(
  pct: number,
  previous: UncheckedPolicy['rules'][number] | undefined,
  index: number,
): FieldError[] {
  const field = `rules[${index}].minDiscountPct`;
  if (!Number.isFinite(pct) || pct < 0 || pct > 99.99 || new Decimal(pct).decimalPlaces() > 2) {
    return [{ field, message: quoteMessages.thresholdRange }];
  }
  if (previous && pct <= previous.minDiscountPct) {
    return [{ field, message: quoteMessages.thresholdAscending(previous.minDiscountPct) }];
  }
  return [];
}

function chainErrors(chain: readonly string[], field: string): FieldError[] {
  if (chain.length === 0) return [{ field, message: quoteMessages.needsRoles }];
  return chain.flatMap((role, index) => {
    if (!isApproverRole(role)) {
      return [{ field: `${field}[${index}]`, message: quoteMessages.notAnApprover(role) }];
    }
    if (chain.indexOf(role) < index) {
      return [{ field: `${field}[${index}]`, message: quoteMessages.repeatedRole(role) }];
    }
    return [];
  });
}

export type ApprovalNeed =
  { required: false; reason: Text } | { required: true; rule: ApprovalRule; reason: Text };

/**
 * Whether a priced quote needs approval, by whom, and why in figures. The
 * quote's discount is its largest line discount (the first such line on a
 * tie); no line below list price needs no approval; otherwise the matching
 * rule with the highest minDiscountPct wins. Thresholds compare with the
 * exact discount, not the presented one.
 */
export function resolveApproval(
  policy: ApprovalPolicy,
  lines: readonly PricedLine[],
  totals: QuoteTotals,
): ApprovalNeed {
  const marginPct = presentPctOrNull(totals.marginPct);
  const largest = largestDiscount(lines);
  if (!largest) return { required: false, reason: quoteMessages.noDiscount(marginPct) };
  const figures: DiscountFigures = {
    discountPct: presentPct(largest.discountPct),
    lineNumber: largest.index + 1,
    sku: lines[largest.index].sku,
  };
  const rule = matchingRule(policy, largest.discountPct);
  if (!rule) {
    const lowest = Math.min(...policy.rules.map((r) => r.minDiscountPct));
    return { required: false, reason: quoteMessages.belowLowestRule(figures, lowest, marginPct) };
  }
  return {
    required: true,
    rule,
    reason: quoteMessages.approvalNeeded(figures, rule.minDiscountPct, rule.chain, marginPct),
  };
}

/** The line with the largest positive discount, or null when no line is below its list price. */
function largestDiscount(
  lines: readonly PricedLine[],
): { index: number; discountPct: Decimal } | null {
  let largest: { index: number; discountPct: Decimal } | null = null;
  for (let index = 0; index < lines.length; index++) {
    const { discountPct } = lines[index];
    if (discountPct === null || !discountPct.greaterThan(0)) continue;
    if (!largest || discountPct.greaterThan(largest.discountPct)) largest = { index, discountPct };
  }
  return largest;
}

function matchingRule(policy: ApprovalPolicy, discountPct: Decimal): ApprovalRule | undefined {
  let best: ApprovalRule | undefined;
  for (const rule of policy.rules) {
    const matches = discountPct.greaterThanOrEqualTo(new Exact(rule.minDiscountPct));
    if (matches && (!best || rule.minDiscountPct > best.minDiscountPct)) best = rule;
  }
  return best;
}
