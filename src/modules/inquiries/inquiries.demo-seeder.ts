import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import type { InquiryChannel } from './domain/channels';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What customers ask, by channel, as the demo's three businesses hear it. */
const ASKS: { channel: InquiryChannel; content: string }[] = [
  {
    channel: 'web',
    content: '官网留言：想了解 6205 深沟球轴承 2000 套的批量价格和交期，能否月结？',
  },
  {
    channel: 'phone',
    content: '来电咨询：上次买的联轴器有一批异响，想问能不能换货，顺便再订 50 套。',
  },
  { channel: 'wechat', content: '微信咨询：门店下周搞活动，淡奶油和低筋面粉能不能周三前送到？' },
  { channel: 'store', content: '到店咨询：想看一下新款监护仪的样机，医院下个月要招标。' },
  {
    channel: 'email',
    content: '邮件询价：请报 304 不锈钢阀门 DN50 规格 300 只的含税价，附检测报告。',
  },
  {
    channel: 'exhibition',
    content: '展会留资：对我们的包装材料感兴趣，希望寄样品并约时间上门拜访。',
  },
  { channel: 'web', content: '在线表单：烘焙连锁新开三家店，想谈年度框架协议和配送频次。' },
  { channel: 'phone', content: '来电：别家报价便宜 8%，问我们能不能给个折扣，预算本周要定。' },
];

/**
 * Minutes from an inquiry to the customer's first follow-up after it, for the
 * answered ones: a spread around the 15-minute target (median near it, a long
 * tail), so that the metric has something to say.
 */
const RESPONSE_MINUTES = [3, 6, 9, 12, 14, 16, 22, 35, 70, 180];
/** The demo customers whose follow-up answers an inquiry (FollowUpsDemoSeeder touches the owned ones of the first 60). */
const ANSWERED = 40;
/** Customers 60 and up have no follow-up at all: their inquiries stay unanswered. */
const UNANSWERED = 12;

/**
 * About forty inquiries over the last weeks: those of the owned customers among the first forty answered by the demo
 * follow-ups after 3 to 180 minutes, twelve unanswered (pool customers among
 * them), so GET /metrics/first-response has a median, a p90 and misses to
 * show. Fixed ids: seeding again changes nothing.
 */
@Injectable()
@DemoSeederOrder(45)
export class InquiriesDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    const touched = await this.tx.query<{ customerId: string; firstTouch: Date }>(
      `SELECT f.customer_id AS "customerId", min(f.occurred_at) AS "firstTouch"
       FROM follow_ups f WHERE f.customer_id = ANY ($1::uuid[])
       GROUP BY f.customer_id ORDER BY f.customer_id`,
      [Array.from({ length: ANSWERED }, (_, index) => demoId('customer', String(index)))],
    );
    const answered = touched.map(({ customerId, firstTouch }, index) => ({
      customerId,
      receivedAt: new Date(
        firstTouch.getTime() - RESPONSE_MINUTES[index % RESPONSE_MINUTES.length] * MINUTE,
      ),
    }));
    const unanswered = Array.from({ length: UNANSWERED }, (_, index) => ({
      customerId: demoId('customer', String(60 + index)),
      // Spread over the last three weeks, the newest a few minutes old (not yet late).
      receivedAt: new Date(Date.now() - (index === 0 ? 5 * MINUTE : index * 1.7 * DAY)),
    }));
    const rows = [...answered, ...unanswered].map((inquiry, index) => ({
      id: demoId('inquiry', String(index)),
      customer_id: inquiry.customerId,
      channel: ASKS[index % ASKS.length].channel,
      received_at: inquiry.receivedAt.toISOString(),
      content: ASKS[index % ASKS.length].content,
    }));
    await this.tx.query(
      `INSERT INTO inquiries (id, customer_id, channel, received_at, content)
       SELECT r.id, r.customer_id, r.channel, r.received_at, r.content
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, customer_id uuid, channel text,
         received_at timestamptz, content text)
       WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = r.customer_id)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
