import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import type { BacktestResponse, LikelyBuyersResponse } from './likely-buyers.dto';

export const LIKELY_BUYERS_EXAMPLE: LikelyBuyersResponse = {
  generatedAt: '2026-12-07T02:30:00.000Z',
  horizonDays: 7,
  items: [
    {
      customerId: EXAMPLE_IDS.customer,
      name: '杭州精工轴承有限公司',
      ownerId: EXAMPLE_IDS.rep,
      score: 0.7455,
      expectedOrderDate: '2026-12-10',
      reasons: [
        { code: 'cycle_due', text: '按平均 14 天的采购周期，预计 3 天后下单', weight: 0.5455 },
        {
          code: 'open_approved_quote',
          text: '有 1 张已批准未成交的报价，合计 ¥12300.00',
          weight: 0.2,
        },
        { code: 'signals_growing', text: '近 7 天互动信号增长 40%（10 → 14 次）', weight: 0.06 },
        { code: 'objection', text: '最近一次跟进提到价格异议', weight: -0.05 },
      ],
    },
  ],
};

export const BACKTEST_EXAMPLE: BacktestResponse = {
  k: 3,
  weeks: [
    { week: '2026-W48', precisionAtK: 0.6667, baselinePrecisionAtK: 0.3333, buyers: 41 },
    { week: '2026-W49', precisionAtK: 1, baselinePrecisionAtK: 0.3333, buyers: 38 },
  ],
  meanPrecisionAtK: 0.8333,
  meanBaselinePrecisionAtK: 0.3333,
};
