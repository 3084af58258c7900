import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  ApprovalPage,
  ApprovalPolicyResponse,
  DecisionDto,
  PutApprovalPolicyDto,
  QuoteApprovalResponse,
} from './approval.dto';
import {
  CreateQuoteDto,
  LoseQuoteDto,
  QuotePage,
  QuoteResponse,
  QuoteVersionList,
  QuoteVersionResponse,
  UpdateQuoteDto,
} from './quote.dto';
import {
  CreateQuoteTemplateDto,
  QuoteTemplatePage,
  QuoteTemplateResponse,
} from './quote-template.dto';

export const CREATE_QUOTE_EXAMPLE: CreateQuoteDto = {
  customerId: EXAMPLE_IDS.customer,
  lines: [{ productId: EXAMPLE_IDS.product, qty: 120, unitPrice: '39.80' }],
  validUntil: '2026-12-31',
  note: '含运费，款到发货',
};

/**
 * 120 × 39.80 = 4776.00; cost 120 × 30.00 = 3600.00; margin 1176 / 4776 =
 * 24.62 %; discount 2.20 / 42.00 = 5.24 %, so the default chain applies.
 */
export const QUOTE_EXAMPLE: QuoteResponse = {
  id: EXAMPLE_IDS.quote,
  number: 'Q-2026-000123',
  version: 1,
  status: 'draft',
  customerId: EXAMPLE_IDS.customer,
  ownerId: EXAMPLE_IDS.rep,
  lines: [
    {
      productId: EXAMPLE_IDS.product,
      sku: 'BRG-6205-2RS',
      name: '深沟球轴承 6205-2RS（双面胶封）',
      unit: '个',
      qty: 120,
      unitPrice: '39.80',
      listPrice: '42.00',
      amount: '4776.00',
      cost: '3600.00',
      taxRatePct: 13,
      taxAmount: '620.88',
      marginPct: 24.62,
      discountPct: 5.24,
      floorPrice: '34.29',
    },
  ],
  totals: {
    amount: '4776.00',
    cost: '3600.00',
    marginPct: 24.62,
    taxAmount: '620.88',
    amountWithTax: '5396.88',
  },
  approvalRequired: true,
  approvalReason:
    'largest discount 5.24 % on line 1 (SKU BRG-6205-2RS) ≥ 0 % rule: supervisor → finance_bp → regional_director; margin 24.62 %',
  validUntil: '2026-12-31',
  note: '含运费，款到发货',
  templateId: null,
  lostReason: null,
  lostAt: null,
  customFields: {},
  createdAt: '2026-12-01T02:30:00.000Z',
  updatedAt: '2026-12-01T02:30:00.000Z',
};

const { lines: _lines, note: _note, templateId: _templateId, ...QUOTE_SUMMARY } = QUOTE_EXAMPLE;

export const QUOTE_PAGE_EXAMPLE: QuotePage = { items: [QUOTE_SUMMARY], nextCursor: null };

export const UPDATE_QUOTE_EXAMPLE: UpdateQuoteDto = { validUntil: '2027-01-15' };

export const UPDATED_QUOTE_EXAMPLE: QuoteResponse = {
  ...QUOTE_EXAMPLE,
  version: 2,
  validUntil: '2027-01-15',
  updatedAt: '2026-12-02T06:00:00.000Z',
};

export const QUOTE_VERSION_EXAMPLE: QuoteVersionResponse = {
  quoteId: EXAMPLE_IDS.quote,
  number: QUOTE_EXAMPLE.number,
  version: 1,
  lines: QUOTE_EXAMPLE.lines,
  totals: QUOTE_EXAMPLE.totals,
  approvalRequired: true,
  approvalReason: QUOTE_EXAMPLE.approvalReason,
  validUntil: '2026-12-31',
  note: QUOTE_EXAMPLE.note,
  createdBy: EXAMPLE_IDS.rep,
  createdAt: QUOTE_EXAMPLE.createdAt,
};

export const QUOTE_VERSIONS_EXAMPLE: QuoteVersionList = {
  items: [
    QUOTE_VERSION_EXAMPLE,
    {
      ...QUOTE_VERSION_EXAMPLE,
      version: 2,
      validUntil: '2027-01-15',
      createdAt: '2026-12-02T06:00:00.000Z',
    },
  ],
};

export const SUBMITTED_QUOTE_EXAMPLE: QuoteResponse = {
  ...QUOTE_EXAMPLE,
  status: 'pending_approval',
  updatedAt: '2026-12-01T03:00:00.000Z',
};

export const LOSE_QUOTE_EXAMPLE: LoseQuoteDto = {
  reason: '客户选择了竞品，价格低 8 %',
  at: '2026-12-05T10:00:00+08:00',
};

export const LOST_QUOTE_EXAMPLE: QuoteResponse = {
  ...QUOTE_EXAMPLE,
  status: 'lost',
  lostReason: LOSE_QUOTE_EXAMPLE.reason,
  lostAt: '2026-12-05T02:00:00.000Z',
  updatedAt: '2026-12-05T02:00:05.000Z',
};

const STEPS: QuoteApprovalResponse['steps'] = [
  {
    id: EXAMPLE_IDS.approvalStep,
    stepIndex: 0,
    role: 'supervisor',
    status: 'approved',
    deciderId: EXAMPLE_IDS.supervisor,
    decidedAt: '2026-12-01T04:00:00.000Z',
    comment: '同意，年度框架客户',
  },
  {
    id: 'e6b8d0f2-4a6c-4e8b-9d0f-4a6c8e0b2d4f',
    stepIndex: 1,
    role: 'finance_bp',
    status: 'pending',
    deciderId: null,
    decidedAt: null,
    comment: null,
  },
  {
    id: 'f7c9e1a3-5b7d-4f9c-8e1a-5b7d9f1c3e5a',
    stepIndex: 2,
    role: 'regional_director',
    status: 'waiting',
    deciderId: null,
    decidedAt: null,
    comment: null,
  },
];

export const PENDING_APPROVAL_EXAMPLE: QuoteApprovalResponse = {
  quoteId: EXAMPLE_IDS.quote,
  quoteStatus: 'pending_approval',
  quoteVersion: 1,
  status: 'pending',
  reason: QUOTE_EXAMPLE.approvalReason,
  steps: STEPS,
};

export const APPROVE_EXAMPLE: DecisionDto = { comment: '同意，年度框架客户' };

export const APPROVED_STEP_EXAMPLE: QuoteApprovalResponse = PENDING_APPROVAL_EXAMPLE;

export const REJECT_EXAMPLE: DecisionDto = { comment: '折扣过大，请按 3 % 以内重新报价' };

export const REJECTED_STEP_EXAMPLE: QuoteApprovalResponse = {
  ...PENDING_APPROVAL_EXAMPLE,
  quoteStatus: 'rejected',
  status: 'rejected',
  steps: [
    { ...STEPS[0], status: 'rejected', comment: REJECT_EXAMPLE.comment! },
    { ...STEPS[1], status: 'cancelled' },
    { ...STEPS[2], status: 'cancelled' },
  ],
};

export const APPROVAL_PAGE_EXAMPLE: ApprovalPage = {
  items: [
    {
      id: EXAMPLE_IDS.approvalStep,
      quoteId: EXAMPLE_IDS.quote,
      quoteNumber: QUOTE_EXAMPLE.number,
      quoteVersion: 1,
      customerId: EXAMPLE_IDS.customer,
      role: 'supervisor',
      stepIndex: 0,
      status: 'pending',
      amount: '4776.00',
      createdAt: '2026-12-01T03:00:00.000Z',
      pendingSince: '2026-12-01T03:00:00.000Z',
      decidedAt: null,
    },
  ],
  nextCursor: null,
};

export const PUT_APPROVAL_POLICY_EXAMPLE: PutApprovalPolicyDto = {
  rules: [
    { minDiscountPct: 0, chain: ['supervisor'] },
    { minDiscountPct: 5, chain: ['supervisor', 'finance_bp'] },
    { minDiscountPct: 10, chain: ['supervisor', 'finance_bp', 'regional_director'] },
  ],
};

export const APPROVAL_POLICY_EXAMPLE: ApprovalPolicyResponse = {
  rules: [
    { minDiscountPct: 0, chain: ['supervisor'] },
    { minDiscountPct: 5, chain: ['supervisor', 'finance_bp'] },
    { minDiscountPct: 10, chain: ['supervisor', 'finance_bp', 'regional_director'] },
  ],
  isDefault: false,
  updatedBy: EXAMPLE_IDS.admin,
  updatedAt: '2026-11-30T01:00:00.000Z',
};

export const CREATE_QUOTE_TEMPLATE_EXAMPLE: CreateQuoteTemplateDto = {
  name: '华东经销商标准套餐',
  lines: [
    { productId: EXAMPLE_IDS.product, qty: 200 },
    { productId: EXAMPLE_IDS.product, qty: 50, unitPrice: '40.00' },
  ],
  note: '季度框架价，含运费',
};

export const QUOTE_TEMPLATE_EXAMPLE: QuoteTemplateResponse = {
  id: EXAMPLE_IDS.quoteTemplate,
  name: '华东经销商标准套餐',
  lines: [
    { productId: EXAMPLE_IDS.product, qty: 200, unitPrice: null },
    { productId: EXAMPLE_IDS.product, qty: 50, unitPrice: '40.00' },
  ],
  note: '季度框架价，含运费',
  createdBy: EXAMPLE_IDS.supervisor,
  createdAt: '2026-11-28T01:00:00.000Z',
  updatedAt: '2026-11-28T01:00:00.000Z',
};

export const QUOTE_TEMPLATE_PAGE_EXAMPLE: QuoteTemplatePage = {
  items: [QUOTE_TEMPLATE_EXAMPLE],
  nextCursor: null,
};
