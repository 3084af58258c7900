import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const RebateErrorCode = {
  POLICY_OVERLAP: 'POLICY_OVERLAP',
  POLICY_IN_USE: 'POLICY_IN_USE',
  AMBIGUOUS_CUSTOMER: 'AMBIGUOUS_CUSTOMER',
  NO_REBATE_POLICY: 'NO_REBATE_POLICY',
  QUOTE_OF_ANOTHER_CUSTOMER: 'QUOTE_OF_ANOTHER_CUSTOMER',
  BELOW_POST_REBATE_FLOOR: 'BELOW_POST_REBATE_FLOOR',
} as const;

/** The rebates module's messages (API.md §7), in English and Chinese. */
export const rebateMessages = catalogue({
  needsTiers: { en: 'must list at least one tier', zh: '至少需要一个档位' },
  notMoney: {
    en: 'must be an amount of money with at most 2 decimals',
    zh: '必须是金额，最多 2 位小数',
  },
  negativeThreshold: { en: 'must be 0.00 or higher', zh: '必须大于或等于 0.00' },
  thresholdAscending: (previous: string) => ({
    en: `must be greater than the previous tier's ${previous}; list tiers by ascending threshold`,
    zh: `必须大于上一档的 ${previous}；档位须按门槛升序排列`,
  }),
  notRate: { en: 'must be a percentage, such as 1.5', zh: '必须是百分比数值，例如 1.5' },
  negativeRate: { en: 'must be 0 or higher', zh: '不能为负数' },
  capNotPositive: { en: 'must be greater than 0.00', zh: '必须大于 0.00' },
  policy: { en: 'Rebate policy', zh: '返点政策' },
  policyVersion: (version: number) => ({
    en: `Rebate policy version ${version}`,
    zh: `返点政策第 ${version} 版`,
  }),
  validToBeforeFrom: { en: 'must not be before validFrom', zh: '不能早于 validFrom' },
  policyOverlap: (policyId: string) => ({
    en: `Another rebate policy for a shared segment is valid on some of these days: ${policyId}`,
    zh: `与另一返点政策（${policyId}）的适用客群相同且有效期重叠`,
  }),
  policyInUse: (calculations: number) => ({
    en: `The rebate policy answered ${calculations} calculation(s) and stays, so that they can still be explained; end it with validTo instead`,
    zh: `该返点政策已用于 ${calculations} 次测算，须保留以便解释；请改为设置失效日期（validTo）`,
  }),
  oneCustomerKey: {
    en: 'give exactly one of customerId and customerName',
    zh: 'customerId 与 customerName 须且只能提供一个',
  },
  ambiguousCustomer: (count: number) => ({
    en: `${count} customers you can see have this name; give customerId instead`,
    zh: `您可见的客户中有 ${count} 个同名客户，请改用 customerId`,
  }),
  noRebatePolicy: (segment: string) => ({
    en: `No rebate policy for segment ${segment} is valid today`,
    zh: `今天没有适用于 ${segment} 客群的返点政策`,
  }),
  quoteOfAnotherCustomer: {
    en: 'The quote belongs to another customer',
    zh: '该报价单属于其他客户',
  },
  belowPostRebateFloor: {
    en: 'The quote is below the floor margin after the rebate',
    zh: '当前报价低于返点后底线毛利率',
  },
});

/** Policies sharing a segment may not be valid on the same day; names the other policy. */
export class PolicyOverlapException extends DomainException {
  constructor(policyId: string) {
    super('conflict', RebateErrorCode.POLICY_OVERLAP, rebateMessages.policyOverlap(policyId), {
      errors: [{ field: 'validFrom', message: rebateMessages.policyOverlap(policyId) }],
      extensions: { policyId },
    });
  }
}

/** A policy that answered calculations is kept: those answers must stay explainable. */
export class PolicyInUseException extends DomainException {
  constructor(calculations: number) {
    super('conflict', RebateErrorCode.POLICY_IN_USE, rebateMessages.policyInUse(calculations), {
      extensions: { calculations },
    });
  }
}

/** A customerName that several customers in scope bear; `candidates` lists their ids. */
export class AmbiguousCustomerException extends DomainException {
  constructor(candidates: string[]) {
    super(
      'conflict',
      RebateErrorCode.AMBIGUOUS_CUSTOMER,
      rebateMessages.ambiguousCustomer(candidates.length),
      { extensions: { candidates } },
    );
  }
}

export class NoRebatePolicyException extends DomainException {
  constructor(segment: string) {
    super(
      'unprocessable',
      RebateErrorCode.NO_REBATE_POLICY,
      rebateMessages.noRebatePolicy(segment),
    );
  }
}

export class QuoteOfAnotherCustomerException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      RebateErrorCode.QUOTE_OF_ANOTHER_CUSTOMER,
      rebateMessages.quoteOfAnotherCustomer,
      { errors: [{ field: 'quoteId', message: rebateMessages.quoteOfAnotherCustomer }] },
    );
  }
}
