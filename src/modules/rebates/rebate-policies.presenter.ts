import { Exact, presentMoney, presentPct } from '../quotes/domain/quote-math';
import { explainPolicy } from './domain/policy-formula';
import { compilePolicy, RebateTier } from './domain/tier-math';
import {
  RebatePolicyResponse,
  RebatePolicyVersionResponse,
  RebateTierResponse,
} from './dto/rebate-policy.dto';
import { PolicyFields, PolicyRow, PolicyVersionRow } from './rebates.repository';

/** A percentage the domain gives as a decimal string, as JSON: a number, half-up to 2 places. */
export function presentPctText(value: string | number): number {
  return presentPct(new Exact(value));
}

/**
 * A stored policy's fields, keys in one order (jsonb reorders a tier's keys),
 * so that two policies compare as JSON.
 */
export function fieldsOf(row: PolicyFields): PolicyFields {
  const { name, basis, method, capAmount, segments, validFrom, validTo } = row;
  const tiers = row.tiers.map(({ threshold, ratePct }) => ({ threshold, ratePct }));
  return { name, basis, method, tiers, capAmount, segments, validFrom, validTo };
}

/** Thresholds and cap with exactly 2 decimals, as they are stored and shown. */
export function normaliseFields(fields: PolicyFields): PolicyFields {
  const tiers = fields.tiers.map(({ threshold, ratePct }) => ({
    threshold: presentMoney(new Exact(threshold)),
    ratePct,
  }));
  const capAmount = fields.capAmount === null ? null : presentMoney(new Exact(fields.capAmount));
  return { ...fields, tiers, capAmount };
}

function presentTier({ threshold, ratePct }: RebateTier): RebateTierResponse {
  return { threshold, ratePct: presentPctText(ratePct) };
}

function presentFields(id: string, version: number, fields: PolicyFields) {
  return {
    id,
    version,
    ...fields,
    tiers: fields.tiers.map(presentTier),
    formula: explainPolicy(compilePolicy(fields)),
  };
}

export function toPolicyResponse(row: PolicyRow): RebatePolicyResponse {
  return {
    ...presentFields(row.id, row.version, fieldsOf(row)),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toVersionResponse(row: PolicyVersionRow): RebatePolicyVersionResponse {
  return {
    ...presentFields(row.policyId, row.version, fieldsOf(row.snapshot)),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
