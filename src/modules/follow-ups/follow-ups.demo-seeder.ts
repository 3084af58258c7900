import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';
import { Role } from '../../core/auth/roles';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { TASTING_FEEDBACK } from '../custom-fields/custom-fields.demo-seeder';
import { Channel } from './domain/evidence';
import { CreateFollowUpDto } from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';
import { SilentPeriodService } from './silent-period.service';

const HOUR = 3_600_000;

/** Touches as the article's teams log them: the distributor, the bakery chain, the device agent. */
const SCENARIOS: { channel: Channel; summary: string; transcript?: [string, string][] }[] = [
  {
    channel: 'visit',
    summary:
      '拜访采购部王经理，对方认为我们的报价比别家贵5%，希望账期放宽到60天月结。约定下周提交阶梯报价。',
    transcript: [
      ['customer', '你们这个价格比别家贵了差不多5个点。'],
      ['rep', '我们的交期稳定，两周内到货，可以先看阶梯报价。'],
      ['customer', '账期能不能做到60天月结？'],
    ],
  },
  {
    channel: 'store',
    summary:
      '门店店长反馈上批奶油到货晚了两天，周末差点断货；希望增加配送频次，并提供新品试吃物料。',
  },
  {
    channel: 'meeting',
    summary:
      '与设备科主任沟通监护仪试用情况：一台设备出现故障，售后响应慢。要求先解决质量问题再谈续约。',
    transcript: [
      ['customer', '上周有一台出现故障，售后两天才来。'],
      ['rep', '我们马上安排工程师驻场，并提供备用机。'],
    ],
  },
  {
    channel: 'call',
    summary: '电话回访，客户表示预算下季度才批，届时再谈批量采购，目前先小批量试用。',
    transcript: [['customer', '预算要下个季度才能批下来。']],
  },
  {
    channel: 'wechat',
    summary: '微信发送新品目录和促销政策，客户已读，表示下周到店看样。',
  },
  {
    channel: 'email',
    summary: '邮件发送样品检测报告，客户确认质量达标，等待对方采购流程走完后下单。',
  },
];
/** Demo customers that get touches: the first of the 300, of which every third is touched long ago (silent). */
const TOUCHED_CUSTOMERS = 60;

/**
 * Follow-ups for the demo customers, recorded through the real service (so
 * objections, obligations, stages and audit events are as in use), then one
 * silent-period scan, so the demo has alerts to look at. Seeded once: the
 * first demo follow-up's presence means it is done.
 */
@Injectable()
@DemoSeederOrder(40)
export class FollowUpsDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly followUps: FollowUpsService,
    private readonly silentPeriod: SilentPeriodService,
  ) {}

  async seed(): Promise<void> {
    const [seeded] = await this.tx.query('SELECT 1 FROM follow_ups LIMIT 1');
    if (seeded) return;
    const customers = await this.tx.query<{
      id: string;
      ownerId: string;
      roles: Role[];
      orgUnitId: string;
    }>(
      `SELECT c.id, c.owner_id AS "ownerId", u.roles, u.org_unit_id AS "orgUnitId"
       FROM customers c JOIN users u ON u.id = c.owner_id
       WHERE c.id = ANY($1) ORDER BY c.name`,
      [Array.from({ length: TOUCHED_CUSTOMERS }, (_, index) => demoId('customer', String(index)))],
    );
    for (const [index, customer] of customers.entries()) {
      const owner: Principal = {
        kind: 'user',
        id: customer.ownerId,
        userId: customer.ownerId,
        name: 'demo',
        roles: customer.roles,
        orgUnitId: customer.orgUnitId,
      };
      // Every third customer was last heard from over a week ago: it is silent.
      const hoursAgo = index % 3 === 0 ? 200 + index : 2 + index;
      await this.followUps.create(owner, customer.id, this.touch(index, hoursAgo));
    }
    await this.silentPeriod.run();
  }

  private touch(index: number, hoursAgo: number): CreateFollowUpDto {
    const scenario = SCENARIOS[index % SCENARIOS.length];
    const occurredAt = Date.now() - hoursAgo * HOUR;
    return {
      channel: scenario.channel,
      occurredAt: new Date(occurredAt).toISOString(),
      summary: scenario.summary,
      transcript: scenario.transcript?.map(([speaker, text], segment) => ({
        at: new Date(occurredAt + segment * 60_000).toISOString(),
        speaker: speaker as 'rep' | 'customer',
        text,
      })),
      nextTouchAt: new Date(occurredAt + 72 * HOUR).toISOString(),
      stage: index % 4 === 0 ? 'quoted' : 'contacted',
      customFields: scenario.channel === 'store' ? this.tasting(index) : undefined,
    };
  }

  /** The bakery's store visits answer 试吃反馈, the answers varying from visit to visit. */
  private tasting(index: number): Record<string, string> {
    const options = TASTING_FEEDBACK.options;
    return {
      [TASTING_FEEDBACK.key]: options[Math.floor(index / SCENARIOS.length) % options.length],
    };
  }
}
