import {
  OBJECTION_CATEGORIES,
  OBJECTION_CATEGORY_NAMES,
  ObjectionCategory,
} from '../../../../core/settings/domain/settings';
import { formatMoney } from '../../../quotes/pdf/pdf-format';

/** What a journey item records; `docs/insights.md` (Customer journey) lists what each one is. */
export const JOURNEY_KINDS = [
  'signal',
  'inquiry',
  'follow_up',
  'quote',
  'quote_version',
  'approval',
  'contract',
  'order',
  'ticket',
] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

/** The facts of each kind of item that its summary is written from. */
export type JourneyEvent =
  | { kind: 'signal'; facts: { type: string; count: number } }
  | { kind: 'inquiry'; facts: { channel: string; content: string } }
  | {
      kind: 'follow_up';
      facts: { channel: string; minutes: string; objections: ObjectionCategory[] };
    }
  | { kind: 'quote'; facts: QuoteSubmitted | QuoteLost }
  | { kind: 'quote_version'; facts: { number: string; version: number; amount: string } }
  | {
      kind: 'approval';
      facts: { number: string; version: number; role: string; decision: 'approved' | 'rejected' };
    }
  | { kind: 'contract'; facts: { contractNo: string; quoteNumber: string; amount: string } }
  /** `contractNo`: the contract the order was placed by; null for one a store or the ERP reported. */
  | { kind: 'order'; facts: { amount: string; contractNo: string | null } }
  | { kind: 'ticket'; facts: { ticketKind: string; subject: string } };

interface QuoteSubmitted {
  event: 'submitted';
  number: string;
  version: number;
  approvalRequired: boolean;
}

interface QuoteLost {
  event: 'lost';
  number: string;
  reason: string | null;
}

/** Free text (inquiries, minutes, subjects) is cut to this many characters, then `…`. */
export const SUMMARY_TEXT_LENGTH = 40;

const SIGNAL_TYPES: Record<string, string> = {
  web_visit: '官网访问',
  wechat_read: '公众号文章阅读',
  email_open: '邮件打开',
  store_visit: '到店',
};

const INQUIRY_CHANNELS: Record<string, string> = {
  phone: '电话',
  wechat: '微信',
  web: '官网',
  store: '门店',
  email: '邮件',
  exhibition: '展会',
};

const FOLLOW_UP_CHANNELS: Record<string, string> = {
  visit: '拜访',
  call: '电话',
  meeting: '会议',
  wechat: '微信',
  email: '邮件',
  store: '到店',
};

const APPROVER_ROLES: Record<string, string> = {
  supervisor: '主管',
  finance_bp: '财务',
  regional_director: '区域总监',
};

const TICKET_KINDS: Record<string, string> = {
  complaint: '投诉',
  reorder: '复购',
  question: '咨询',
};

/** A label, or the stored code itself for a value added after this table was written. */
const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

/** One line of free text, at most SUMMARY_TEXT_LENGTH characters (not UTF-16 units). */
export function clip(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > SUMMARY_TEXT_LENGTH
    ? `${chars.slice(0, SUMMARY_TEXT_LENGTH).join('')}…`
    : chars.join('');
}

/** The item's one-line summary in plain Chinese, e.g. `报价 Q-2026-000012 第 2 版：¥12,300.00`. */
export function summarize(event: JourneyEvent): string {
  switch (event.kind) {
    case 'signal':
      return `信号：${label(SIGNAL_TYPES, event.facts.type)} ${event.facts.count} 次`;
    case 'inquiry':
      return `询盘（${label(INQUIRY_CHANNELS, event.facts.channel)}）：${clip(event.facts.content)}`;
    case 'follow_up':
      return followUpSummary(event.facts);
    case 'quote':
      return quoteSummary(event.facts);
    case 'quote_version':
      return `报价 ${event.facts.number} 第 ${event.facts.version} 版：${formatMoney(event.facts.amount)}`;
    case 'approval': {
      const { number, version, role, decision } = event.facts;
      const verdict = decision === 'approved' ? '通过' : '驳回';
      return `审批（${label(APPROVER_ROLES, role)}）：${verdict}报价 ${number} 第 ${version} 版`;
    }
    case 'contract':
      return `合同 ${event.facts.contractNo} 签订：${formatMoney(event.facts.amount)}（报价 ${event.facts.quoteNumber}）`;
    case 'order': {
      const { amount, contractNo } = event.facts;
      return `订单 ${formatMoney(amount)}${contractNo ? `（合同 ${contractNo}）` : ''}`;
    }
    case 'ticket':
      return `工单（${label(TICKET_KINDS, event.facts.ticketKind)}）：${clip(event.facts.subject)}`;
  }
}

/** The objections, when there are any, say more about the touch than the start of its minutes. */
function followUpSummary(facts: {
  channel: string;
  minutes: string;
  objections: ObjectionCategory[];
}): string {
  const heading = `跟进（${label(FOLLOW_UP_CHANNELS, facts.channel)}）：`;
  if (!facts.objections.length) return heading + clip(facts.minutes);
  const raised = OBJECTION_CATEGORIES.filter((category) => facts.objections.includes(category));
  return `${heading}客户提到${raised.map((category) => OBJECTION_CATEGORY_NAMES[category]).join('、')}异议`;
}

function quoteSummary(facts: QuoteSubmitted | QuoteLost): string {
  if (facts.event === 'lost') {
    const reason = facts.reason ? `：${clip(facts.reason)}` : '';
    return `报价 ${facts.number} 丢单${reason}`;
  }
  const outcome = facts.approvalRequired ? '提交审批' : '提交，无需审批';
  return `报价 ${facts.number} 第 ${facts.version} 版${outcome}`;
}
