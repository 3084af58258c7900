import { Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { Language } from '../../core/i18n/text';
import { demoPrincipals } from '../../core/seed/demo-principals';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { SettingsService } from '../../core/settings/settings.service';
import { floorPrice, isBelowFloor, presentFloorPrice } from '../products/domain/floor-price';
import { LineProduct } from '../products/domain/product-pricing';
import { ProductsService } from '../products/products.service';
import { QuoteLineDto } from './dto/quote-line.dto';
import { ApprovalsService } from './approvals.service';
import { QuoteTemplatesService } from './quote-templates.service';
import { QuotesService } from './quotes.service';

/** Demo texts are Chinese, as the demo organisation reads them. */
const ZH: Language = 'zh';
const DAY_MS = 86_400_000;

/** A line by SKU: a quantity, and a discount off today's list price in % (0: the list price). */
type DemoLine = [sku: string, qty: number, discountPct: number];

interface DemoTemplate {
  name: string;
  author: string;
  note: string;
  /** A null discount leaves `unitPrice` out: the quote takes the list price of its day. */
  lines: [sku: string, qty: number, discountPct: number | null][];
}

const TEMPLATES: DemoTemplate[] = [
  {
    name: '华东经销商标准套餐',
    author: 'chen.director',
    note: '华东区经销商首单标准配置：常用轴承与密封件，按目录价，含运费，款到发货。',
    lines: [
      ['BRG-6205-2RS', 200, null],
      ['BRG-6206-ZZ', 100, null],
      ['BRG-UCP208', 20, null],
      ['SEL-OR-NBR-50X3', 1000, null],
      ['SEL-TC-45X62X8', 200, null],
    ],
  },
  {
    name: '门店开业备货包',
    author: 'li.supervisor',
    note: '五金机电门店开业首批备货：轴承、油封、垫片各备常用规格，按目录价。',
    lines: [
      ['BRG-6205-2RS', 50, null],
      ['BRG-6308-2RS', 20, null],
      ['BRG-30210', 10, null],
      ['SEL-OR-FKM-80X3.5', 200, null],
      ['SEL-GKT-PTFE-DN50', 50, null],
      ['SEL-PKG-PTFE-10', 5, null],
    ],
  },
  {
    name: '年度框架协议价',
    author: 'zheng.finance',
    note: '年度框架协议客户的约定单价（已含年度量折扣），须走审批；有效期至年底。',
    lines: [
      ['VLV-Q41F-16P-DN50', 100, 6],
      ['VLV-Q41F-16P-DN80', 40, 5],
      ['VLV-D71X-16-DN100', 60, 8],
      ['SEL-SWG-DN100', 300, 10],
    ],
  },
  {
    name: '阀门检修备件包',
    author: 'li.supervisor',
    note: '化工、热电客户年度停车检修用：机械密封、盘根、缠绕垫片，按目录价。',
    lines: [
      ['SEL-MS-560-35', 10, null],
      ['SEL-PKG-PTFE-10', 20, null],
      ['SEL-SWG-DN100', 100, null],
      ['SEL-GKT-PTFE-DN50', 100, null],
    ],
  },
];

type Step =
  | { do: 'submit' }
  | { do: 'approve' | 'reject'; by: string; comment?: string }
  | { do: 'edit'; lines?: DemoLine[]; note?: string; validDays?: number }
  | { do: 'lose'; reason: string };

interface DemoQuote {
  /** The demo customer (CustomersDemoSeeder's index) and the owner it must have. */
  customer: number;
  owner: string;
  template?: string;
  lines?: DemoLine[];
  note?: string;
  validDays?: number;
  steps: Step[];
}

const SUPERVISOR_OK = '折扣在主管权限内，客户为季度集中采购，同意。';
const FINANCE_OK = '整单毛利率高于底线，回款记录良好，同意。';
const DIRECTOR_OK = '同意，请在合同中写明交期与质保条款。';

/**
 * One quote in each state (customer indexes follow CustomersDemoSeeder's
 * owners: i % 7 = 0 wang.rep, 1 zhao.rep, 2 liu.rep). wang.rep and zhao.rep
 * report to li.supervisor, liu.rep to sun.supervisor; zheng.finance is the
 * finance BP and zhou.region the director of 华东大区.
 */
const QUOTES: DemoQuote[] = [
  // A draft from a template, not yet sent.
  {
    customer: 0,
    owner: 'wang.rep',
    template: '华东经销商标准套餐',
    note: '含运费，款到发货。',
    validDays: 30,
    steps: [],
  },
  // Pending, step 0: waits for li.supervisor.
  {
    customer: 7,
    owner: 'wang.rep',
    lines: [
      ['VLV-Q41F-16P-DN50', 60, 5],
      ['SEL-GKT-PTFE-DN50', 120, 0],
    ],
    note: '含运费，月结 30 天；交期 7 个工作日。',
    validDays: 15,
    steps: [{ do: 'submit' }],
  },
  // Pending, step 1: the supervisor approved, it waits for zheng.finance.
  {
    customer: 1,
    owner: 'zhao.rep',
    lines: [
      ['BRG-6205-2RS', 500, 6],
      ['BRG-UCP208', 80, 4],
    ],
    note: '分两批交货，首批 300 套 3 日内发出。',
    validDays: 20,
    steps: [
      { do: 'submit' },
      { do: 'approve', by: 'li.supervisor', comment: '量大，同意按 6 % 让利。' },
    ],
  },
  // Pending, step 2: supervisor and finance approved, it waits for zhou.region.
  {
    customer: 2,
    owner: 'liu.rep',
    template: '年度框架协议价',
    validDays: 60,
    steps: [
      { do: 'submit' },
      { do: 'approve', by: 'sun.supervisor', comment: SUPERVISOR_OK },
      { do: 'approve', by: 'zheng.finance', comment: FINANCE_OK },
    ],
  },
  // Approved through the whole chain.
  {
    customer: 14,
    owner: 'wang.rep',
    lines: [
      ['VLV-Z41H-16C-DN150', 12, 8],
      ['VLV-H44H-16-DN65', 20, 5],
    ],
    note: '含运费及现场安装指导；质保 18 个月。',
    validDays: 30,
    steps: [
      { do: 'submit' },
      { do: 'approve', by: 'li.supervisor', comment: SUPERVISOR_OK },
      { do: 'approve', by: 'zheng.finance', comment: FINANCE_OK },
      { do: 'approve', by: 'zhou.region', comment: DIRECTOR_OK },
    ],
  },
  // Approved at once: list prices need no chain.
  {
    customer: 8,
    owner: 'zhao.rep',
    template: '门店开业备货包',
    validDays: 14,
    steps: [{ do: 'submit' }],
  },
  // Rejected by finance after the supervisor's approval.
  {
    customer: 21,
    owner: 'wang.rep',
    lines: [
      ['BRG-22215-CA', 40, 15],
      ['SEL-MS-560-35', 30, 18],
    ],
    note: '客户要求与竞品同价，账期 60 天。',
    validDays: 10,
    steps: [
      { do: 'submit' },
      { do: 'approve', by: 'li.supervisor', comment: '老客户，同意上报财务。' },
      {
        do: 'reject',
        by: 'zheng.finance',
        comment:
          '两行都压到接近底线毛利率，且要求 60 天账期，不同意。请与客户重谈：调心滚子轴承折扣不超过 10 %，机械密封按目录价。',
      },
    ],
  },
  // Won. See `win` below: no service path leads there yet.
  {
    customer: 9,
    owner: 'liu.rep',
    lines: [
      ['VLV-ZCLF-25', 50, 5],
      ['SEL-OR-FKM-80X3.5', 500, 0],
    ],
    note: '含运费，货到 30 天付款。',
    validDays: 30,
    steps: [
      { do: 'submit' },
      { do: 'approve', by: 'sun.supervisor', comment: SUPERVISOR_OK },
      { do: 'approve', by: 'zheng.finance', comment: FINANCE_OK },
      { do: 'approve', by: 'zhou.region', comment: DIRECTOR_OK },
      // ContractsDemoSeeder signs it: the won quote of the demo.
    ],
  },
  // Lost to a competitor after it was sent.
  {
    customer: 15,
    owner: 'zhao.rep',
    lines: [
      ['VLV-J41H-25-DN40', 30, 0],
      ['VLV-D71X-16-DN100', 40, 0],
    ],
    validDays: 15,
    steps: [{ do: 'submit' }, { do: 'lose', reason: '客户选择了竞品，价格低 8 %' }],
  },
  // Lost while pending: the chain is cancelled and li.supervisor's todo closes.
  {
    customer: 28,
    owner: 'wang.rep',
    lines: [['BRG-NU312-ECP', 24, 4]],
    validDays: 30,
    steps: [{ do: 'submit' }, { do: 'lose', reason: '项目预算被砍，客户年内不再采购' }],
  },
  // Edited twice: approved at list price, then reworked into a discounted v3 that waits for li.supervisor.
  {
    customer: 35,
    owner: 'wang.rep',
    lines: [
      ['BRG-6308-2RS', 100, 0],
      ['BRG-30210', 50, 0],
    ],
    note: '按目录价，款到发货。',
    validDays: 15,
    steps: [
      { do: 'submit' },
      {
        do: 'edit',
        lines: [
          ['BRG-6308-2RS', 300, 5],
          ['BRG-30210', 120, 3],
        ],
        note: '客户将采购量提高到 300 套，按阶梯价让利；款到发货。',
      },
      { do: 'edit', note: '客户将采购量提高到 300 套，按阶梯价让利；月结 30 天。', validDays: 30 },
      { do: 'submit' },
    ],
  },
];

/**
 * Quote templates and one quote in each state (draft, pending at each step,
 * approved with and without a chain, rejected, lost, edited into three
 * versions; ContractsDemoSeeder signs one approved quote, so won too), made through QuotesService and ApprovalsService as the demo
 * users, so versions, approval todos and audit events are those of real use.
 *
 * Idempotent by natural keys: a template whose name exists is skipped, and so
 * is a quote whose demo customer has any quote already (or no longer has the
 * expected owner).
 */
@Injectable()
@DemoSeederOrder(50)
export class QuotesDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('QuotesDemoSeeder');

  constructor(
    private readonly tx: TransactionHost,
    private readonly quotes: QuotesService,
    private readonly approvals: ApprovalsService,
    private readonly templates: QuoteTemplatesService,
    private readonly products: ProductsService,
    private readonly settings: SettingsService,
  ) {}

  async seed(): Promise<void> {
    const users = await this.demoUsers();
    const pricing = await this.pricing();
    const templateIds = await this.seedTemplates(users, pricing);
    for (const quote of QUOTES) {
      const owner = users.get(quote.owner);
      const customerId = demoId('customer', String(quote.customer));
      if (!owner || !(await this.isFresh(customerId, owner.id))) continue;
      const skus = [...(quote.lines ?? []), ...quote.steps.flatMap(editedLines)].map(([s]) => s);
      if (skus.some((sku) => !pricing.has(sku))) {
        this.logger.warn(`Skipping a demo quote: a product is missing (${skus.join(', ')})`);
        continue;
      }
      const templateId = quote.template ? templateIds.get(quote.template) : undefined;
      if (quote.template && !templateId) continue;
      const created = await this.quotes.create(
        owner,
        {
          customerId,
          ...(templateId ? { templateId } : { lines: this.lines(quote.lines!, pricing) }),
          validUntil: quote.validDays ? dateIn(quote.validDays) : undefined,
          note: quote.note,
        },
        ZH,
      );
      for (const step of quote.steps) await this.play(step, created.id, owner, users, pricing);
    }
  }

  /** Each demo template once, by name, saved as its author through the service (floor lock, audit). */
  private async seedTemplates(
    users: Map<string, Principal>,
    pricing: Map<string, LineProduct>,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const template of TEMPLATES) {
      const [existing] = await this.tx.query<{ id: string }>(
        'SELECT id FROM quote_templates WHERE name = $1',
        [template.name],
      );
      if (existing) {
        ids.set(template.name, existing.id);
        continue;
      }
      const author = users.get(template.author);
      if (!author || template.lines.some(([sku]) => !pricing.has(sku))) continue;
      const saved = await this.templates.create(author, {
        name: template.name,
        note: template.note,
        lines: template.lines.map(([sku, qty, discountPct]) => ({
          productId: pricing.get(sku)!.id,
          qty,
          ...(discountPct === null
            ? {}
            : { unitPrice: this.priceAt(pricing.get(sku)!, discountPct) }),
        })),
      });
      ids.set(template.name, saved.id);
    }
    return ids;
  }

  private async play(
    step: Step,
    quoteId: string,
    owner: Principal,
    users: Map<string, Principal>,
    pricing: Map<string, LineProduct>,
  ): Promise<void> {
    switch (step.do) {
      case 'submit':
        await this.quotes.submit(owner, quoteId, ZH);
        return;
      case 'approve':
      case 'reject': {
        const decider = users.get(step.by)!;
        const approval = await this.approvals.approvalOf(decider, quoteId, ZH);
        const pending = approval.steps.find((candidate) => candidate.status === 'pending')!;
        await this.approvals.decide(decider, pending.id, step.do, step.comment, ZH);
        return;
      }
      case 'edit':
        await this.quotes.update(
          owner,
          quoteId,
          {
            ...(step.lines ? { lines: this.lines(step.lines, pricing) } : {}),
            ...(step.note ? { note: step.note } : {}),
            ...(step.validDays ? { validUntil: dateIn(step.validDays) } : {}),
          },
          undefined,
          ZH,
        );
        return;
      case 'lose':
        await this.quotes.lose(owner, quoteId, { reason: step.reason }, ZH);
        return;
    }
  }

  /** Quote lines priced `discountPct` below today's list price, never below the floor price. */
  private lines(lines: readonly DemoLine[], pricing: Map<string, LineProduct>): QuoteLineDto[] {
    return lines.map(([sku, qty, discountPct]) => ({
      productId: pricing.get(sku)!.id,
      qty,
      unitPrice: this.priceAt(pricing.get(sku)!, discountPct),
    }));
  }

  private minMarginPct = 12.5;

  /** List price less `discountPct`, rounded half-up to the cent, raised to the floor price if below it. */
  private priceAt(product: LineProduct, discountPct: number): string {
    const margin = product.minMarginPct ?? this.minMarginPct;
    const price = new Decimal(product.listPrice)
      .times(new Decimal(100).minus(discountPct))
      .div(100)
      .toFixed(2, Decimal.ROUND_HALF_UP);
    return isBelowFloor(price, product.cost, margin)
      ? presentFloorPrice(floorPrice(product.cost, margin))
      : price;
  }

  /** Today's pricing of the demo library, by SKU (ProductsDemoSeeder's ids). */
  private async pricing(): Promise<Map<string, LineProduct>> {
    this.minMarginPct = (await this.settings.get()).minMarginPct;
    const skus = new Set([
      ...TEMPLATES.flatMap((template) => template.lines.map(([sku]) => sku)),
      ...QUOTES.flatMap((quote) => [
        ...(quote.lines ?? []),
        ...quote.steps.flatMap(editedLines),
      ]).map(([sku]) => sku),
    ]);
    const products = await this.products.pricingFor([...skus].map((sku) => demoId('product', sku)));
    return new Map([...products.values()].map((product) => [product.sku, product]));
  }

  /** The demo users as principals, by username (OrgDemoSeeder's ids); inactive ones are left out. */
  private async demoUsers(): Promise<Map<string, Principal>> {
    const usernames = [
      ...new Set([
        ...TEMPLATES.map((template) => template.author),
        ...QUOTES.flatMap((quote) => [
          quote.owner,
          ...quote.steps.flatMap((step) => ('by' in step ? [step.by] : [])),
        ]),
      ]),
    ];
    return demoPrincipals(this.tx, usernames);
  }

  /** The natural key: a demo customer that has no quote yet and still belongs to `ownerId`. */
  private async isFresh(customerId: string, ownerId: string): Promise<boolean> {
    const [row] = await this.tx.query<{ fresh: boolean }>(
      `SELECT c.owner_id = $2 AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.customer_id = c.id) AS fresh
       FROM customers c WHERE c.id = $1`,
      [customerId, ownerId],
    );
    return row?.fresh ?? false;
  }
}

function editedLines(step: Step): DemoLine[] {
  return step.do === 'edit' ? (step.lines ?? []) : [];
}

/** A calendar date `days` from now, as `validUntil` takes it. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}
