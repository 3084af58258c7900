import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { nextRunAfter } from './domain/push-schedule';
import { KbArticlesRepository } from './kb-articles.repository';

const AUTHOR = 'li.supervisor';
const SHANGHAI = 'Asia/Shanghai';
const WEEKLY_PUSH = { cron: '0 17 * * 5', roles: ['rep', 'store_manager'] };
const FAQ_PUSH = { cron: '0 9 * * 1', roles: ['supervisor', 'store_manager'] };
const WEEK_MS = 7 * 24 * 3_600_000;

/** The sales floor's knowledge: [title, tags, body]. */
const ARTICLES: [string, string[], string][] = [
  [
    '交期查询流程',
    ['交期', '订单'],
    '客户询问交期时，先在订单页查看 ERP 同步的预计到货日期；没有日期的订单，联系仓库确认库存后 2 小时内回复客户。',
  ],
  [
    '增值税专票开具',
    ['发票', '财务'],
    '开具增值税专用发票需客户提供开票名称、税号、开户行及账号、地址电话。合同签订后在系统提交开票申请，财务 3 个工作日内开具。',
  ],
  [
    '退货换货政策',
    ['退货', '换货', '售后'],
    '到货 7 天内质量问题可退换货，需拍照留证并保留原包装；非质量问题换货由客户承担运费。烘焙原料开封后不予退货。',
  ],
  [
    '账期与月结',
    ['账期', '月结', '回款'],
    '新客户默认预付；合作满 3 个月且无逾期的客户可申请月结，账期最长 30 天，需主管审批并由财务 BP 复核授信额度。',
  ],
  [
    '新品试吃活动话术',
    ['试吃', '门店', '话术'],
    '邀请顾客试吃时先介绍口味亮点，再询问口味偏好；试吃后推荐搭配组合，并登记试吃反馈。',
  ],
  [
    '返利政策解读',
    ['返利', '政策'],
    '季度返利按含税回款额阶梯计算，达到目标的 90% 起返；返利以货补形式在下季度首单抵扣。',
  ],
  [
    '报价折扣审批规则',
    ['报价', '审批'],
    '折扣低于底价毛利时需主管审批，低于 10% 毛利需销售总监审批；审批通过后报价单自动生效。',
  ],
  [
    '竞品应对要点',
    ['竞品', '话术'],
    '客户提到竞品低价时，先确认规格与交期是否一致，再强调我们的质保、售后响应和账期优势，不做贬低。',
  ],
  [
    '客户回访频率',
    ['跟进', '客户'],
    'B2B 客户每 3 天至少一次有效互动，B2C 会员每周一次；超过沉默期系统会生成待办提醒。',
  ],
  [
    '补货下单操作',
    ['补货', '订单'],
    '门店补货在系统提交订单后同步到 ERP；紧急补货请在备注写明到货时间，并电话通知仓库。',
  ],
  [
    '对账与回款流程',
    ['对账', '回款', '财务'],
    '每月 5 日前向月结客户发送对账单，客户确认后 10 日内回款；有差异的订单由销售与财务共同核对。',
  ],
  [
    '质保与售后服务',
    ['质保', '售后'],
    '工业配件质保 12 个月，质保期内非人为损坏免费更换；售后工单 24 小时内响应。',
  ],
];

/** Which demo reps and store managers read which articles (by index) after each past run. */
const READERS: [string, number[]][] = [
  ['wang.rep', [0, 1, 2]],
  ['zhao.rep', [0, 1, 2]],
  ['liu.rep', [0]],
  ['wu.store', [0, 1, 2, 4]],
];

/**
 * A dozen published articles by the supervisor 李娜; a weekly push of the
 * first three (Fridays 17:00 Asia/Shanghai, to reps and store managers) with
 * its two past runs, their deliveries and some reads; and a weekly auto_faq
 * push (Mondays 09:00 to supervisors and store managers), whose runs come
 * with the scheduler. Idempotent: fixed ids, inserts that skip what exists.
 */
@Injectable()
@DemoSeederOrder(95)
export class KnowledgeBaseDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly articles: KbArticlesRepository,
  ) {}

  async seed(): Promise<void> {
    const [author] = await this.tx.query<{ id: string }>('SELECT id FROM users WHERE id = $1', [
      demoId('user', AUTHOR),
    ]);
    if (!author) return;
    const articleIds = await this.seedArticles(author.id);
    const weekly = await this.seedPush('weekly', WEEKLY_PUSH, articleIds.slice(0, 3), author.id);
    await this.seedPush('auto_faq', FAQ_PUSH, null, author.id);
    await this.seedPastRuns(weekly, articleIds.slice(0, 3));
    await this.seedReads(articleIds);
  }

  private async seedArticles(authorId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const [title, tags, body] of ARTICLES) {
      const id = demoId('kb_article', title);
      ids.push(id);
      const [exists] = await this.tx.query('SELECT 1 FROM kb_articles WHERE id = $1', [id]);
      if (exists) continue;
      const article = { title, tags, body, exampleTicketIds: [], clusterKey: null };
      await this.articles.insert(
        { ...article, status: 'published', source: 'manual' },
        authorId,
        id,
      );
    }
    return ids;
  }

  private async seedPush(
    name: string,
    schedule: { cron: string; roles: string[] },
    articleIds: string[] | null,
    authorId: string,
  ): Promise<string> {
    const id = demoId('kb_push', name);
    await this.tx.query(
      `INSERT INTO kb_pushes (id, cron, timezone, article_ids, source, audience_roles, next_run_at, created_by)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6::text[], $7, $8) ON CONFLICT DO NOTHING`,
      [
        id,
        schedule.cron,
        SHANGHAI,
        articleIds,
        articleIds ? 'manual' : 'auto_faq',
        schedule.roles,
        nextRunAfter(schedule.cron, SHANGHAI, new Date()),
        authorId,
      ],
    );
    return id;
  }

  /** The two Fridays before the push's next run, each delivered to its audience as it is now. */
  private async seedPastRuns(pushId: string, articleIds: string[]): Promise<void> {
    const next = nextRunAfter(WEEKLY_PUSH.cron, SHANGHAI, new Date()).getTime();
    for (const weeksAgo of [2, 1]) {
      const runId = demoId('kb_push_run', `weekly:${weeksAgo}`);
      const ranAt = new Date(next - weeksAgo * WEEK_MS);
      const [made] = await this.tx.query<{ id: string }>(
        `INSERT INTO kb_push_runs (id, push_id, ran_at, trigger, scheduled_for, article_ids, delivered)
         VALUES ($1, $2, $3, 'scheduled', $3, $4::uuid[], 0) ON CONFLICT DO NOTHING RETURNING id`,
        [runId, pushId, ranAt, articleIds],
      );
      if (!made) continue;
      await this.tx.query(
        `WITH delivered AS (
           INSERT INTO kb_push_deliveries (run_id, user_id)
           SELECT $1, u.id FROM users u WHERE u.active AND u.roles && $2::text[] RETURNING user_id
         )
         UPDATE kb_push_runs SET delivered = (SELECT count(*) FROM delivered) WHERE id = $1`,
        [runId, WEEKLY_PUSH.roles],
      );
    }
  }

  /** The readers' receipts, an hour after the first past run. */
  private async seedReads(articleIds: string[]): Promise<void> {
    const readAt = new Date(
      nextRunAfter(WEEKLY_PUSH.cron, SHANGHAI, new Date()).getTime() - 2 * WEEK_MS + 3_600_000,
    );
    for (const [username, indexes] of READERS) {
      await this.tx.query(
        `INSERT INTO kb_article_reads (article_id, user_id, read_at)
         SELECT a.id, u.id, $3 FROM unnest($1::uuid[]) AS a(id) JOIN users u ON u.id = $2
         ON CONFLICT DO NOTHING`,
        [indexes.map((index) => articleIds[index]), demoId('user', username), readAt],
      );
    }
  }
}
