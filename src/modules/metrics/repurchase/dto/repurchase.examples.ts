import type { RepurchaseResponse } from './repurchase.dto';

export const REPURCHASE_EXAMPLE: RepurchaseResponse = {
  week: '2026-W49',
  from: '2026-11-30',
  to: '2026-12-07',
  groupBy: 'store',
  rows: [
    {
      orgUnitId: '5d0c7a52-3e8f-4b1a-9c4e-2f6a8b1d7e02',
      name: '滨江烘焙店',
      base: 10,
      repurchased: 6,
      ratePct: 60,
    },
    {
      orgUnitId: '5d0c7a52-3e8f-4b1a-9c4e-2f6a8b1d7e01',
      name: '西湖烘焙店',
      base: 12,
      repurchased: 9,
      ratePct: 75,
    },
  ],
  definition:
    'base: the customers with an order at the store in the 4 weeks before the week; repurchased: …',
};
