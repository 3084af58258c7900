import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { integerSettingSql } from '../../core/settings/settings-sql';
import type { TicketKind } from './domain/ticket';
import type { TicketStatus } from './domain/ticket-status';
import { TicketSlaService } from './ticket-sla.service';

interface DemoTicket {
  key: string;
  /** The demo customer's index (CustomersDemoSeeder); every one used here has an owner. */
  customer: number;
  kind: TicketKind;
  subject: string;
  content: string;
  hoursAgo: number;
  /** The owner's first reply, `afterHours` after the ticket came in, and the status since. */
  answer?: { afterHours: number; body: string; status: TicketStatus };
}

const answered = (afterHours: number, body: string, status: TicketStatus = 'in_progress') => ({
  afterHours,
  body,
  status,
});

/**
 * A fortnight of tickets. The questions of the last 7 days fall into three
 * topics (发票开具, 交期查询, 退货流程) for the knowledge base's auto-FAQ job to
 * find; some tickets are answered in time, one late, and a few are still
 * unanswered past their due time, which the SLA run below turns into
 * breaches with a todo for the supervisor.
 */
const TICKETS: DemoTicket[] = [
  // 发票开具
  {
    key: 'invoice-1',
    customer: 0,
    kind: 'question',
    subject: '增值税专用发票什么时候开具？',
    content: '上周的货款已经付了，请问增值税专用发票什么时候能开出来？我们月底要报账。',
    hoursAgo: 20,
    answer: answered(1, '王经理您好，专票在收款后 3 个工作日内开具，本周五前寄出。', 'resolved'),
  },
  {
    key: 'invoice-2',
    customer: 1,
    kind: 'question',
    subject: '发票抬头开错了，能否重开发票？',
    content: '收到的发票抬头少了“有限公司”几个字，财务不收，麻烦作废重开一张。',
    hoursAgo: 44,
    answer: answered(2, '已提交作废重开，新发票明天开具并快递给您。', 'closed'),
  },
  {
    key: 'invoice-3',
    customer: 2,
    kind: 'question',
    subject: '能否按月合并开具发票？',
    content: '我们每个月下单十几次，能不能每月底合并开一张发票？',
    hoursAgo: 70,
    answer: answered(3, '可以，月结客户可按月合并开票，我这边帮您登记。'),
  },
  {
    key: 'invoice-4',
    customer: 3,
    kind: 'question',
    subject: '电子发票在哪里下载？',
    content: '听说现在可以开电子发票，请问开好后在哪里下载发票？',
    hoursAgo: 100,
    answer: answered(1, '电子发票会发到您预留的邮箱，也可以在订单详情里下载。', 'resolved'),
  },
  // 交期查询
  {
    key: 'lead-time-1',
    customer: 7,
    kind: 'question',
    subject: '6205 轴承现在的交期是多久？',
    content: '想再订 2000 套 6205 轴承，现在下单交期大概多久？',
    hoursAgo: 10,
    answer: answered(1, '现货 1200 套，其余约 10 天交货。'),
  },
  {
    key: 'lead-time-2',
    customer: 8,
    kind: 'question',
    subject: '上周下的订单什么时候发货？交期能确认吗？',
    content: '上周三下的订单到现在还没有发货信息，请确认一下交期。',
    hoursAgo: 30,
  },
  {
    key: 'lead-time-3',
    customer: 9,
    kind: 'question',
    subject: '定制包装箱的交期能否提前？',
    content: '定制印刷的包装箱原定交期是 20 号，能不能提前到 15 号？',
    hoursAgo: 55,
    answer: answered(5, '已和工厂确认，可以提前到 16 号交货。'),
  },
  {
    key: 'lead-time-4',
    customer: 10,
    kind: 'question',
    subject: '春节前下单能否保证交期？',
    content: '我们计划春节前备货，现在下单能保证节前交货吗？交期怎么安排？',
    hoursAgo: 140,
    answer: answered(2, '1 月 10 日前下单可保证节前到货。', 'resolved'),
  },
  // 退货流程
  {
    key: 'return-1',
    customer: 14,
    kind: 'question',
    subject: '收到的货规格不对，怎么申请退货？',
    content: '订的是 M8 螺栓，收到的是 M6，请问退货流程是怎样的？',
    hoursAgo: 3,
  },
  {
    key: 'return-2',
    customer: 15,
    kind: 'question',
    subject: '退货的运费由谁承担？',
    content: '因为质量问题退货，来回运费是我们出还是你们出？退货流程需要多久？',
    hoursAgo: 60,
    answer: answered(2, '质量问题退货运费由我们承担，物流上门取件。', 'resolved'),
  },
  {
    key: 'return-3',
    customer: 16,
    kind: 'question',
    subject: '退货后多久可以退款？',
    content: '上周已经把退货寄回去了，请问退款流程走完要多久？',
    hoursAgo: 90,
    answer: answered(1, '仓库签收后 5 个工作日内原路退款。', 'closed'),
  },
  // Older questions: outside the auto-FAQ window.
  {
    key: 'payment-terms',
    customer: 21,
    kind: 'question',
    subject: '能否申请 60 天账期？',
    content: '我们合作一年多了，想把账期从 30 天延长到 60 天，需要什么材料？',
    hoursAgo: 240,
    answer: answered(3, '需要提供近一年的采购记录，我帮您提交财务审批。', 'resolved'),
  },
  // Complaints
  {
    key: 'damaged-1',
    customer: 22,
    kind: 'complaint',
    subject: '到货外箱破损，三箱轴承受潮',
    content: '昨天到货的轴承有三箱外箱破损，部分产品受潮生锈，要求换货。',
    hoursAgo: 26,
    answer: answered(0.5, '非常抱歉，已安排今天补发三箱，破损件请拍照留存。'),
  },
  {
    key: 'damaged-2',
    customer: 23,
    kind: 'complaint',
    subject: '烘焙原料包装破损，面粉撒了一半',
    content: '今天到的高筋面粉有 5 袋包装破损，撒了一车厢，希望尽快处理。',
    hoursAgo: 9,
  },
  {
    key: 'slow-1',
    customer: 24,
    kind: 'complaint',
    subject: '发货太慢，说好三天到货拖了一周',
    content: '订单承诺三天到货，现在一周了还没到，影响我们产线排产。',
    hoursAgo: 50,
    answer: answered(7, '抱歉回复晚了，已催物流，明天上午送达。'),
  },
  {
    key: 'slow-2',
    customer: 28,
    kind: 'complaint',
    subject: '发货慢，物流信息三天没更新',
    content: '物流信息停在杭州中转站三天没动，请帮忙查一下。',
    hoursAgo: 2,
  },
  // Reorders
  {
    key: 'reorder-1',
    customer: 29,
    kind: 'reorder',
    subject: '补货：6204 轴承 500 套',
    content: '和上次一样的 6204 轴承，再补 500 套，价格按上次的来。',
    hoursAgo: 6,
    answer: answered(0.5, '收到，今天出报价单。'),
  },
  {
    key: 'reorder-2',
    customer: 30,
    kind: 'reorder',
    subject: '补货：黄油 20 箱、奶油 10 箱',
    content: '门店周末活动，需要补货黄油 20 箱、淡奶油 10 箱，周五前到。',
    hoursAgo: 15,
  },
  {
    key: 'reorder-3',
    customer: 31,
    kind: 'reorder',
    subject: '补货：纸箱 3000 个',
    content: '常规规格纸箱补货 3000 个，老地址送货。',
    hoursAgo: 170,
    answer: answered(1, '已安排生产，下周二送到。', 'closed'),
  },
];

const HOUR = 3_600_000;

/**
 * Demo tickets on owned demo customers, assigned to their owners, with the
 * owners' first replies; then the SLA check, so the supervisors have breach
 * todos to look at. Fixed ids make seeding again change nothing.
 */
@Injectable()
@DemoSeederOrder(55)
export class TicketsDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly sla: TicketSlaService,
  ) {}

  async seed(): Promise<void> {
    const now = Date.now();
    const rows = TICKETS.map((ticket) => {
      const createdAt = now - ticket.hoursAgo * HOUR;
      return {
        id: demoId('ticket', ticket.key),
        reply_id: demoId('ticket_reply', ticket.key),
        customer_id: demoId('customer', String(ticket.customer)),
        kind: ticket.kind,
        subject: ticket.subject,
        content: ticket.content,
        status: ticket.answer?.status ?? 'open',
        created_at: new Date(createdAt).toISOString(),
        responded_at: ticket.answer
          ? new Date(createdAt + ticket.answer.afterHours * HOUR).toISOString()
          : null,
        answer: ticket.answer?.body ?? null,
      };
    });
    await this.tx.query(
      `WITH demo AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, reply_id uuid, customer_id uuid,
           kind text, subject text, content text, status text, created_at timestamptz,
           responded_at timestamptz, answer text)
       ), tickets_added AS (
         INSERT INTO tickets (id, customer_id, assignee_id, created_by, kind, subject, content,
           status, created_at, first_response_due_at, first_responded_at, closed_at)
         SELECT d.id, d.customer_id, c.owner_id, c.owner_id, d.kind, d.subject, d.content,
           d.status, d.created_at,
           d.created_at + make_interval(hours => ${integerSettingSql('ticketFirstResponseHours')}),
           d.responded_at, CASE WHEN d.status = 'closed' THEN d.responded_at + interval '1 day' END
         FROM demo d JOIN customers c ON c.id = d.customer_id
         ON CONFLICT DO NOTHING
         RETURNING id, assignee_id
       )
       INSERT INTO ticket_replies (id, ticket_id, author_id, body, created_at)
       SELECT d.reply_id, t.id, t.assignee_id, d.answer, d.responded_at
       FROM tickets_added t JOIN demo d ON d.id = t.id
       WHERE d.answer IS NOT NULL`,
      [JSON.stringify(rows)],
    );
    await this.sla.run();
  }
}
