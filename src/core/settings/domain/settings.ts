export const OBJECTION_CATEGORIES = [
  'price',
  'delivery',
  'payment',
  'quality',
  'competitor',
  'service',
] as const;
export type ObjectionCategory = (typeof OBJECTION_CATEGORIES)[number];

/** Each category's name in Chinese, for the texts people read (价格异议). */
export const OBJECTION_CATEGORY_NAMES: Record<ObjectionCategory, string> = {
  price: '价格',
  delivery: '交期',
  payment: '账期',
  quality: '质量',
  competitor: '竞品',
  service: '服务',
};

export interface OrganisationSettings {
  /** The seller's name, printed on customer documents such as the quote PDF. */
  companyName: string;
  timezone: string;
  minMarginPct: number;
  silentHours: { b2b: number; b2c: number };
  complianceGraceHours: number;
  firstResponseTargetMinutes: number;
  ticketFirstResponseHours: number;
  /** The weeks before the evaluated one whose loss rates make the funnel anomaly's baseline. */
  funnelAnomalyWindowWeeks: number;
  /** k in mean + k·σ: how far above its baseline a week's loss rate must be to be an anomaly. */
  funnelAnomalySigmaMultiplier: number;
  objectionKeywords: Record<ObjectionCategory, string[]>;
}

/**
 * The seller's name until an admin sets the real one (PATCH /settings): 「本公司」
 * ("our company") reads naturally on a customer document, where a placeholder
 * asking to fill in the setting would not.
 */
export const DEFAULT_COMPANY_NAME = '本公司';

export const DEFAULT_SETTINGS: OrganisationSettings = {
  companyName: DEFAULT_COMPANY_NAME,
  timezone: 'Asia/Shanghai',
  minMarginPct: 12.5,
  silentHours: { b2b: 72, b2c: 168 },
  complianceGraceHours: 24,
  firstResponseTargetMinutes: 15,
  ticketFirstResponseHours: 4,
  funnelAnomalyWindowWeeks: 8,
  funnelAnomalySigmaMultiplier: 2,
  objectionKeywords: {
    price: ['价格', '贵', '折扣', '便宜', '预算'],
    delivery: ['交期', '交货', '发货', '物流', '到货'],
    payment: ['账期', '月结', '付款', '预付', '回款'],
    quality: ['质量', '故障', '不良', '退货'],
    competitor: ['竞品', '对手', '别家'],
    service: ['售后', '服务', '响应'],
  },
};

export type SettingsPatch = Partial<
  Omit<OrganisationSettings, 'silentHours' | 'objectionKeywords'> & {
    silentHours: Partial<OrganisationSettings['silentHours']>;
    objectionKeywords: Partial<OrganisationSettings['objectionKeywords']>;
  }
>;

/**
 * Applies a patch: scalars are replaced; `silentHours` and `objectionKeywords`
 * merge per key, so a client can change one segment or one category alone.
 */
export function applySettingsPatch(
  current: OrganisationSettings,
  patch: SettingsPatch,
): OrganisationSettings {
  return {
    ...current,
    ...patch,
    silentHours: { ...current.silentHours, ...patch.silentHours },
    objectionKeywords: { ...current.objectionKeywords, ...patch.objectionKeywords },
  };
}

/** Stored settings are merged over the defaults, so a setting added later has a value at once. */
export function withDefaults(stored: Partial<OrganisationSettings>): OrganisationSettings {
  return applySettingsPatch(DEFAULT_SETTINGS, stored);
}

/** The top-level keys whose values differ, for the audit trail. */
export function changedKeys(
  before: OrganisationSettings,
  after: OrganisationSettings,
): (keyof OrganisationSettings)[] {
  return (Object.keys(after) as (keyof OrganisationSettings)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
