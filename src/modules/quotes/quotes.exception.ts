import { DomainException } from '../../core/errors/domain.exception';
import { catalogue, Text } from '../../core/i18n/text';
import type { ApproverRole } from './domain/approval-policy';
import type { FloorBreach } from './domain/quote-math';
import type { QuoteEventType, QuoteStatus } from './domain/quote-status';

export const QuoteErrorCode = {
  BELOW_FLOOR_MARGIN: 'BELOW_FLOOR_MARGIN',
  NOT_YOUR_TURN: 'NOT_YOUR_TURN',
  ALREADY_DECIDED: 'ALREADY_DECIDED',
  SELF_APPROVAL: 'SELF_APPROVAL',
  NOT_THE_DECIDER: 'NOT_THE_DECIDER',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  UNKNOWN_PRODUCT: 'UNKNOWN_PRODUCT',
  UNKNOWN_TEMPLATE: 'UNKNOWN_TEMPLATE',
  DUPLICATE_TEMPLATE_NAME: 'DUPLICATE_TEMPLATE_NAME',
} as const;

const STATUS_NAMES: Record<QuoteStatus, string> = {
  draft: '草稿',
  pending_approval: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  won: '已成交',
  lost: '已丢单',
};

const EVENT_NAMES: Record<QuoteEventType, Text> = {
  edit: { en: 'edited', zh: '编辑' },
  submit: { en: 'submitted', zh: '提交' },
  approve: { en: 'approved', zh: '批准' },
  reject: { en: 'rejected', zh: '驳回' },
  win: { en: 'won', zh: '签约成交' },
  lose: { en: 'marked lost', zh: '标记为丢单' },
  withdraw: { en: 'withdrawn from approval', zh: '撤回审批' },
};

const ROLE_NAMES: Record<ApproverRole, string> = {
  supervisor: '主管',
  finance_bp: '财务BP',
  regional_director: '区域总监',
};

/** A percentage as the reasons print it: 2 places, or a dash where there is no figure. */
const pct = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)} %`);

/** The discount that decides a quote's approval, in figures. */
export interface DiscountFigures {
  /** Presented, rounded half-up to 2 places. */
  discountPct: number;
  /** 1-based, as a person counts lines. */
  lineNumber: number;
  sku: string;
}

export const quoteMessages = catalogue({
  quote: { en: 'Quote', zh: '报价单' },
  quoteVersion: { en: 'Quote version', zh: '报价单版本' },
  template: { en: 'Quote template', zh: '报价模板' },
  approvalStep: { en: 'Approval step', zh: '审批步骤' },
  unknownProducts: (lines: number) => ({
    en: `${lines} line(s) name a product that does not exist`,
    zh: `有 ${lines} 行引用了不存在的产品`,
  }),
  noSuchProduct: { en: 'is not a product of the library', zh: '不是产品库中的产品' },
  unknownTemplate: {
    en: 'The quote template does not exist',
    zh: '报价模板不存在',
  },
  noSuchTemplate: { en: 'is not a quote template', zh: '不是报价模板' },
  duplicateTemplateName: (id: string) => ({
    en: `A quote template with this name exists already: ${id}`,
    zh: `已存在同名报价模板：${id}`,
  }),
  nameTaken: { en: 'is taken by another template', zh: '已被其他模板使用' },
  belowFloorMargin: (lines: number) => ({
    en: `${lines} line(s) priced below the floor price; raise them to at least the floor price`,
    zh: `有 ${lines} 行报价低于底价，请至少提高到底价`,
  }),
  lineBelowFloor: (breach: FloorBreach) => ({
    en: `is below the floor price ${breach.floorPrice} (margin ${pct(breach.marginPct)}, minimum ${pct(breach.minMarginPct)})`,
    zh: `低于底价 ${breach.floorPrice}（毛利率 ${pct(breach.marginPct)}，最低 ${pct(breach.minMarginPct)}）`,
  }),
  notYourTurn: {
    en: 'An earlier step of this approval chain is still pending',
    zh: '此审批链中更早的步骤尚未审批',
  },
  alreadyDecided: { en: 'This approval step has already been decided', zh: '此审批步骤已有决定' },
  selfApproval: {
    en: 'Nobody may decide on a quote they own',
    zh: '不能审批自己负责的报价单',
  },
  notTheDecider: {
    en: 'You do not hold the position that decides this step',
    zh: '你不在审批此步骤的岗位上',
  },
  illegalTransition: (current: QuoteStatus, event: QuoteEventType) => ({
    en: `The quote is ${current}, so it cannot be ${EVENT_NAMES[event].en}`,
    zh: `报价单状态为${STATUS_NAMES[current]}（${current}），不能${EVENT_NAMES[event].zh}`,
  }),

  approvalNeeded: (
    discount: DiscountFigures,
    minDiscountPct: number,
    chain: readonly ApproverRole[],
    marginPct: number | null,
  ) => ({
    en: `largest discount ${pct(discount.discountPct)} on line ${discount.lineNumber} (SKU ${discount.sku}) ≥ ${minDiscountPct} % rule: ${chain.join(' → ')}; margin ${pct(marginPct)}`,
    zh: `最大折扣 ${pct(discount.discountPct)}（第 ${discount.lineNumber} 行，SKU ${discount.sku}）≥ ${minDiscountPct} % 规则：${chain.map((role) => ROLE_NAMES[role]).join(' → ')}；毛利率 ${pct(marginPct)}`,
  }),
  belowLowestRule: (discount: DiscountFigures, lowestPct: number, marginPct: number | null) => ({
    en: `largest discount ${pct(discount.discountPct)} on line ${discount.lineNumber} (SKU ${discount.sku}) is below the lowest rule, ${lowestPct} %: no approval needed; margin ${pct(marginPct)}`,
    zh: `最大折扣 ${pct(discount.discountPct)}（第 ${discount.lineNumber} 行，SKU ${discount.sku}）低于最低规则 ${lowestPct} %：无需审批；毛利率 ${pct(marginPct)}`,
  }),
  noDiscount: (marginPct: number | null) => ({
    en: `no line below list price: no approval needed; margin ${pct(marginPct)}`,
    zh: `没有低于目录价的行：无需审批；毛利率 ${pct(marginPct)}`,
  }),

  needsRules: { en: 'must hold at least one rule', zh: '至少需要一条规则' },
  thresholdRange: {
    en: 'must be from 0 to 99.99, with at most 2 decimals',
    zh: '必须在 0 到 99.99 之间，最多 2 位小数',
  },
  thresholdAscending: (previous: number) => ({
    en: `must be greater than the previous rule's ${previous}; list rules by ascending minDiscountPct`,
    zh: `必须大于上一条规则的 ${previous}；规则须按 minDiscountPct 升序排列`,
  }),
  needsRoles: { en: 'must name at least one role', zh: '至少需要一个角色' },
  notAnApprover: (role: string) => ({
    en: `${role} cannot decide a step; use supervisor, finance_bp or regional_director`,
    zh: `${role} 不能审批；请使用 supervisor、finance_bp 或 regional_director`,
  }),
  repeatedRole: (role: string) => ({
    en: `names ${role} more than once`,
    zh: `重复出现了 ${role}`,
  }),
});

/**
 * The floor lock (API.md §5): each offending line is named in `errors`, as
 * `lines[i].unitPrice`, and in the `lines` extension with its figures.
 */
export class BelowFloorMarginException extends DomainException {
  constructor(breaches: readonly FloorBreach[]) {
    super(
      'unprocessable',
      QuoteErrorCode.BELOW_FLOOR_MARGIN,
      quoteMessages.belowFloorMargin(breaches.length),
      {
        errors: breaches.map((breach) => ({
          field: `lines[${breach.index}].unitPrice`,
          message: quoteMessages.lineBelowFloor(breach),
        })),
        extensions: { lines: breaches },
      },
    );
  }
}

/** A step is decided while an earlier one in its chain is still pending. */
export class NotYourTurnException extends DomainException {
  constructor() {
    super('conflict', QuoteErrorCode.NOT_YOUR_TURN, quoteMessages.notYourTurn);
  }
}

/** The step was decided already, also by a concurrent decision that won the race. */
export class AlreadyDecidedException extends DomainException {
  constructor() {
    super('conflict', QuoteErrorCode.ALREADY_DECIDED, quoteMessages.alreadyDecided);
  }
}

export class SelfApprovalException extends DomainException {
  constructor() {
    super('forbidden', QuoteErrorCode.SELF_APPROVAL, quoteMessages.selfApproval);
  }
}

/** The caller does not hold the step's position for this quote's owner. */
export class NotTheDeciderException extends DomainException {
  constructor() {
    super('forbidden', QuoteErrorCode.NOT_THE_DECIDER, quoteMessages.notTheDecider);
  }
}

/** The quote's status does not allow the action; `currentStatus` names it. */
export class IllegalTransitionException extends DomainException {
  constructor(current: QuoteStatus, event: QuoteEventType) {
    super(
      'conflict',
      QuoteErrorCode.ILLEGAL_TRANSITION,
      quoteMessages.illegalTransition(current, event),
      { extensions: { currentStatus: current } },
    );
  }
}

/** Lines that name products the library does not hold; each is named as `lines[i].productId`. */
export class UnknownProductException extends DomainException {
  constructor(indexes: readonly number[], prefix = 'lines') {
    super(
      'unprocessable',
      QuoteErrorCode.UNKNOWN_PRODUCT,
      quoteMessages.unknownProducts(indexes.length),
      {
        errors: indexes.map((index) => ({
          field: `${prefix}[${index}].productId`,
          message: quoteMessages.noSuchProduct,
        })),
      },
    );
  }
}

/** `templateId` names no template. */
export class UnknownTemplateException extends DomainException {
  constructor() {
    super('unprocessable', QuoteErrorCode.UNKNOWN_TEMPLATE, quoteMessages.unknownTemplate, {
      errors: [{ field: 'templateId', message: quoteMessages.noSuchTemplate }],
    });
  }
}

export class DuplicateTemplateNameException extends DomainException {
  constructor(existingId: string) {
    super(
      'conflict',
      QuoteErrorCode.DUPLICATE_TEMPLATE_NAME,
      quoteMessages.duplicateTemplateName(existingId),
      {
        errors: [{ field: 'name', message: quoteMessages.nameTaken }],
        extensions: { existingId },
      },
    );
  }
}
