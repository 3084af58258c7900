import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  CalculateRebateDto,
  RebateCalculationResponse,
  SimulateRebateDto,
  SimulationResponse,
} from './rebate-calculation.dto';
import {
  CreateRebatePolicyDto,
  RebatePolicyPage,
  RebatePolicyResponse,
  RebatePolicyVersionResponse,
  UpdateRebatePolicyDto,
} from './rebate-policy.dto';

const FORMULA =
  '0–2,000,000 × 1.5 % + 2,000,000–5,000,000 × 2 % + 5,000,000 以上 × 3 %；封顶 200,000';

export const CREATE_REBATE_POLICY_EXAMPLE: CreateRebatePolicyDto = {
  name: '2027 年度工业配件经销商返点',
  basis: 'annual_purchase',
  method: 'progressive',
  tiers: [
    { threshold: '0.00', ratePct: 1.5 },
    { threshold: '2000000.00', ratePct: 2 },
    { threshold: '5000000.00', ratePct: 3 },
  ],
  capAmount: '200000.00',
  segments: ['b2b'],
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
};

export const UPDATE_REBATE_POLICY_EXAMPLE: UpdateRebatePolicyDto = { capAmount: '200000.00' };

export const REBATE_POLICY_VERSION_EXAMPLE: RebatePolicyVersionResponse = {
  id: EXAMPLE_IDS.rebatePolicy,
  version: 1,
  name: '2027 年度工业配件经销商返点',
  basis: 'annual_purchase',
  method: 'progressive',
  tiers: [
    { threshold: '0.00', ratePct: 1.5 },
    { threshold: '2000000.00', ratePct: 2 },
    { threshold: '5000000.00', ratePct: 3 },
  ],
  capAmount: '200000.00',
  segments: ['b2b'],
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  formula: FORMULA,
  createdBy: EXAMPLE_IDS.financeBp,
  createdAt: '2026-12-01T02:00:00.000Z',
};

export const REBATE_POLICY_EXAMPLE: RebatePolicyResponse = {
  ...REBATE_POLICY_VERSION_EXAMPLE,
  updatedAt: '2026-12-01T02:00:00.000Z',
};

export const REBATE_POLICY_PAGE_EXAMPLE: RebatePolicyPage = {
  items: [REBATE_POLICY_EXAMPLE],
  nextCursor: null,
};

export const SIMULATE_REBATE_EXAMPLE: SimulateRebateDto = {
  amounts: ['1000000.00', '3000000.00'],
};

export const SIMULATION_EXAMPLE: SimulationResponse = {
  policyId: EXAMPLE_IDS.rebatePolicy,
  policyName: '2027 年度工业配件经销商返点',
  policyVersion: 1,
  formula: FORMULA,
  items: [
    { amount: '1000000.00', rebate: '15000.00', effectiveRatePct: 1.5 },
    { amount: '3000000.00', rebate: '50000.00', effectiveRatePct: 1.67 },
  ],
};

export const CALCULATE_REBATE_EXAMPLE: CalculateRebateDto = {
  customerName: '宁波海天机械有限公司',
  estimatedAmount: '1000000.00',
  quoteId: EXAMPLE_IDS.quote,
};

/** Year to date 1,500,000 and 1,000,000 more; the quote: 1,000,000 at a cost of 850,000. */
export const REBATE_CALCULATION_EXAMPLE: RebateCalculationResponse = {
  policyId: EXAMPLE_IDS.rebatePolicy,
  policyName: '2027 年度工业配件经销商返点',
  policyVersion: 1,
  formula: FORMULA,
  ytdPurchases: '1500000.00',
  basis: '2500000.00',
  totalRebate: '40000.00',
  incrementalRebate: '17500.00',
  effectiveRatePct: 1.75,
  breakdown: [
    { from: '0.00', to: '2000000.00', ratePct: 1.5, base: '2000000.00', rebate: '30000.00' },
    { from: '2000000.00', to: '5000000.00', ratePct: 2, base: '500000.00', rebate: '10000.00' },
  ],
  compliance: { ok: true, marginAfterRebatePct: 13.25, minMarginPct: 12.5, messages: [] },
  calculationId: EXAMPLE_IDS.rebateCalculation,
};
