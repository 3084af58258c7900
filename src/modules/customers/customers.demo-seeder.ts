import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';

const CITIES = ['杭州', '宁波', '温州', '上海', '苏州', '无锡', '南京', '嘉兴'];
const KINDS = ['工业配件', '五金机电', '烘焙原料', '快消批发', '医疗器械', '包装材料'];
const TAGS = ['只接受月结', '倾向视频演示', '价格敏感', '需要上门拜访', '季度集中采购', '关注交期'];
/** Reps and supervisors of the demo organisation who own customers; the rest stay in the pool. */
const OWNERS = ['wang.rep', 'zhao.rep', 'liu.rep', 'xu.rep', 'li.supervisor', null, null];
const CUSTOMER_COUNT = 300;

/**
 * A few hundred customers spread over the demo owners and the pool, with
 * deterministic ids and phones so that seeding again changes nothing.
 */
@Injectable()
@DemoSeederOrder(20)
export class CustomersDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    const rows = Array.from({ length: CUSTOMER_COUNT }, (_, index) => {
      const city = CITIES[index % CITIES.length];
      const kind = KINDS[index % KINDS.length];
      const owner = OWNERS[index % OWNERS.length];
      return {
        id: demoId('customer', String(index)),
        name: `${city}${kind}客户${String(index + 1).padStart(3, '0')}`,
        phone: `+86139${String(57000000 + index).padStart(8, '0')}`,
        segment: kind === '烘焙原料' || kind === '快消批发' ? 'b2c' : 'b2b',
        company: `${city}某${kind}有限公司`,
        city,
        tags: [TAGS[index % TAGS.length], TAGS[(index * 7) % TAGS.length]].filter(
          (tag, i, all) => all.indexOf(tag) === i,
        ),
        avg_order_value: `${2000 + ((index * 137) % 40000)}.00`,
        owner_id: owner ? demoId('user', owner) : null,
        // The customer's code in the ERP, so that its contracts sync (docs/erp-sync.md).
        erp_code: `CUST${String(index + 1).padStart(5, '0')}`,
      };
    });
    await this.tx.query(
      `INSERT INTO customers (id, name, phone, segment, company, city, tags, avg_order_value, owner_id,
         erp_code)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, phone text, segment text,
         company text, city text, tags text[], avg_order_value numeric, owner_id uuid,
         erp_code text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
