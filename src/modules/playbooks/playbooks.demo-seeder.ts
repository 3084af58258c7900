import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { PlaybookKind } from './playbook.entity';

interface DemoPlaybook {
  key: string;
  title: string;
  kind: PlaybookKind;
  author: string;
  content: string;
}

const PLAYBOOKS: DemoPlaybook[] = [
  {
    key: 'valve-price-objection',
    title: '工业阀门客户价格异议话术包',
    kind: 'script_pack',
    author: 'li.supervisor',
    content: `## 适用场景
客户官网访问量突增、询价后迟迟不回复，或在跟进中提到“贵”“别家便宜”。

## 开场（先确认需求，不急着降价）
- “王经理，您上次问的 DN50 不锈钢球阀，我们把工况又核了一遍：介质是蒸汽、压力 1.6MPa，对吧？”
- “您比较的那家报价，是同材质（CF8M）、同压力等级的吗？我帮您把参数对一下，免得比错了。”

## 价格异议
1. **拆成本**：阀体材质、密封件（PTFE/增强 PTFE）、出厂试压报告，一项项对。
2. **算总账**：一次泄漏停机的损失，远大于单价差。我们质保 18 个月，竞品多为 12 个月。
3. **给台阶，不给底价**：批量 ≥ 200 台可走阶梯价，需主管审批；报价不得低于底线毛利率 12.5%。

## 禁忌
- 不要口头承诺“再便宜点”，所有折扣以系统报价单为准。
- 不要贬低竞品，只讲参数和服务事实。

## 下一步
约定 3 天内发送带水印的 PDF 方案书，并在系统里设置下次触达时间。`,
  },
  {
    key: 'bakery-repurchase-wakeup',
    title: '高价值客户唤醒话术包（烘焙门店）',
    kind: 'script_pack',
    author: 'wu.store',
    content: `## 触发条件
单店周复购率低于 65%，或会员超过 14 天未到店。

## 微信话术
- “张姐，好久没见您来店里啦～本周新出的低糖全麦吐司，是按您上次说的‘少糖’口味改的，给您留了一个试吃装。”
- “您常订的生日蛋糕，本月会员下单送 6 寸升 8 寸，周末档期不多，需要的话我先帮您锁一个？”

## 到店话术
1. 先问上次产品的试吃反馈（满意 / 一般 / 需改进），记录到跟进里。
2. 推荐与历史偏好相近的新品，不推价格最高的。
3. 结账时邀请加入企业微信社群，告知每周五新品预告。

## 记录要求
每次唤醒都要在系统中记下客户原话和下次触达时间，店长每周一复盘。`,
  },
  {
    key: 'valve-competitor-comparison',
    title: '竞品对比：我司不锈钢球阀 vs 竞品A（温州某阀门厂）',
    kind: 'competitor_comparison',
    author: 'chen.director',
    content: `| 对比项 | 我司 Q41F-16P 球阀 | 竞品A 同规格 |
| --- | --- | --- |
| 阀体材质 | CF8M（316），附材质证明 | CF8（304），材质证明需另付费 |
| 密封 | 增强 PTFE，耐温 200℃ | 普通 PTFE，耐温 150℃ |
| 出厂试验 | 逐台壳体 + 密封试压，报告随货 | 抽检 |
| 质保 | 18 个月 | 12 个月 |
| 交期 | 常规规格杭州仓现货，48 小时发货 | 7–10 天 |
| 单价（DN50，200 台起） | 高约 8% | 基准 |

## 怎么讲
- 客户工况是蒸汽或腐蚀性介质时，重点讲材质和耐温，304 在含氯介质中易点蚀。
- 客户赶工期时，重点讲现货和 48 小时发货。
- 单价高 8% 不回避：按三年停机与更换成本算，总拥有成本更低。

## 注意
竞品信息来自公开报价和客户转述，对外只讲事实，不传播未经证实的说法。`,
  },
  {
    key: 'bakery-equipment-comparison',
    title: '竞品对比：商用烤箱与醒发箱 vs 竞品B 烘焙设备供应商',
    kind: 'competitor_comparison',
    author: 'chen.director',
    content: `| 对比项 | 我司三层十二盘电烤箱 | 竞品B 同档机型 |
| --- | --- | --- |
| 控温精度 | ±2℃，分层独立控温 | ±5℃，上下火联动 |
| 能耗 | 满载约 36 kW·h / 天 | 约 42 kW·h / 天 |
| 售后响应 | 杭州、上海 4 小时上门 | 48 小时内 |
| 配件 | 加热管、温控器本地仓常备 | 需厂家发货 |
| 付款 | 可申请月结（需财务审批） | 全款提货 |

## 门店老板最关心的三件事
1. **出品稳定**：分层控温，欧包和蛋糕可同时烤，不用等炉。
2. **停机损失**：节假日坏一台炉，一天少卖上千元，4 小时上门是关键卖点。
3. **电费**：按每天 10 小时、工业电价 1 元/度计，一年约省 2000 元。`,
  },
  {
    key: 'payment-terms-faq',
    title: 'FAQ：账期与月结',
    kind: 'faq',
    author: 'chen.director',
    content: `**问：新客户能直接月结吗？**
答：不能。新客户首三单款到发货；累计回款正常、合作满 3 个月后，可由业务员发起月结申请，经主管、财务BP、区域总监三级审批。

**问：月结的账期是多少？**
答：标准为月结 30 天（当月发货，次月 30 日前付款）。个别重点客户可申请 60 天，需在合同中写明，并占用客户信用额度。

**问：客户说“别家都给 90 天账期”怎么办？**
答：不要当场答应。先记录到跟进的异议里（类别：付款），说明我们可以在价格或交期上给到的支持，再提交主管评估。

**问：客户逾期未付款，还能继续发货吗？**
答：逾期不超过 15 天的，可继续发货并每周催收；超过 15 天的，新订单须先回款，或经财务BP特批。

**问：返点和账期能叠加吗？**
答：可以叠加，但返点按实际回款金额计算：年度采购额超 500 万返 3%，其中 200 万部分返 1.5%。逾期回款部分当年不计返点。`,
  },
];

/** A few playbooks from the demo organisation's authors; fixed ids, so seeding again changes nothing. */
@Injectable()
@DemoSeederOrder(30)
export class PlaybooksDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    const rows = PLAYBOOKS.map((playbook) => ({
      id: demoId('playbook', playbook.key),
      title: playbook.title,
      kind: playbook.kind,
      content: playbook.content,
      created_by: demoId('user', playbook.author),
    }));
    await this.tx.query(
      `INSERT INTO playbooks (id, title, kind, content, created_by)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, title text, kind text, content text, created_by uuid)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
