import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';

/** [sku, name, unit, listPrice, cost, own minMarginPct or null for the setting's]. */
type DemoProduct = [string, string, string, string, string, number | null];

/**
 * An industrial distributor's library, net of VAT at 13 %. Valves carry a
 * higher floor margin (their certificates and pressure tests cost), small
 * seals a much higher one (a box of O-rings is sold for its handling).
 */
const LIBRARY: Record<string, DemoProduct[]> = {
  轴承: [
    ['BRG-6205-2RS', '深沟球轴承 6205-2RS（双面胶封）', '个', '42.00', '30.00', null],
    ['BRG-6206-ZZ', '深沟球轴承 6206-ZZ（双面铁封）', '个', '48.00', '34.50', null],
    ['BRG-6308-2RS', '深沟球轴承 6308-2RS', '个', '96.00', '68.00', null],
    ['BRG-30210', '圆锥滚子轴承 30210', '套', '125.00', '88.00', null],
    ['BRG-NU312-ECP', '圆柱滚子轴承 NU312 ECP', '套', '460.00', '338.00', null],
    ['BRG-22215-CA', '调心滚子轴承 22215 CA/W33', '套', '680.00', '505.00', null],
    ['BRG-UCP208', '带座外球面轴承 UCP208', '套', '158.00', '112.00', null],
  ],
  阀门: [
    ['VLV-Q41F-16P-DN50', '不锈钢球阀 Q41F-16P DN50（CF8M）', '台', '520.00', '385.00', 15],
    ['VLV-Q41F-16P-DN80', '不锈钢球阀 Q41F-16P DN80（CF8M）', '台', '980.00', '720.00', 15],
    ['VLV-D71X-16-DN100', '对夹式蝶阀 D71X-16 DN100', '台', '360.00', '258.00', null],
    ['VLV-J41H-25-DN40', '铸钢截止阀 J41H-25 DN40', '台', '610.00', '452.00', null],
    ['VLV-H44H-16-DN65', '旋启式止回阀 H44H-16 DN65', '台', '740.00', '540.00', null],
    ['VLV-Z41H-16C-DN150', '铸钢闸阀 Z41H-16C DN150', '台', '2380.00', '1790.00', 15],
    ['VLV-ZCLF-25', '不锈钢电磁阀 ZCLF-25 DN25 AC220V', '台', '285.00', '198.00', 18],
  ],
  密封件: [
    ['SEL-OR-NBR-50X3', '丁腈橡胶 O 型圈 50×3', '个', '1.80', '0.95', 30],
    ['SEL-OR-FKM-80X3.5', '氟橡胶 O 型圈 80×3.5', '个', '6.50', '3.80', 30],
    ['SEL-TC-45X62X8', '骨架油封 TC 45×62×8', '个', '8.60', '5.20', 25],
    ['SEL-MS-560-35', '机械密封 560-35（碳化硅/石墨）', '套', '420.00', '300.00', null],
    ['SEL-GKT-PTFE-DN50', '聚四氟乙烯包覆垫片 DN50 PN16', '片', '18.00', '11.50', null],
    ['SEL-SWG-DN100', '金属缠绕垫片 DN100 PN25（304+石墨）', '片', '36.00', '24.00', null],
    ['SEL-PKG-PTFE-10', '聚四氟乙烯盘根 10×10', '千克', '168.00', '118.00', null],
  ],
};

/** The demo library, kept by the demo finance BP; fixed ids, so seeding again changes nothing. */
@Injectable()
@DemoSeederOrder(25)
export class ProductsDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    const rows = Object.entries(LIBRARY).flatMap(([category, products]) =>
      products.map(([sku, name, unit, listPrice, cost, minMarginPct]) => ({
        id: demoId('product', sku),
        sku,
        name,
        unit,
        list_price: listPrice,
        cost,
        category,
        min_margin_pct: minMarginPct,
        created_by: demoId('user', 'zheng.finance'),
      })),
    );
    await this.tx.query(
      `INSERT INTO products (id, sku, name, unit, list_price, cost, category, min_margin_pct, created_by)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, sku text, name text, unit text,
         list_price numeric, cost numeric, category text, min_margin_pct numeric, created_by uuid)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
