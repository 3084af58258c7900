import { EXAMPLE_TIME } from '../../../../core/openapi/api-formats';
import type { DrilldownResponse, HeatmapResponse } from './heatmap.dto';

const XIHU = '5d0c7a52-3e8f-4b1a-9c4e-2f6a8b1d7e01';
const BINJIANG = '5d0c7a52-3e8f-4b1a-9c4e-2f6a8b1d7e02';
const WU = '7a1e3c55-0b2d-4f6e-8a9c-1d3e5f7a9b01';
const XU = '7a1e3c55-0b2d-4f6e-8a9c-1d3e5f7a9b02';
const HE = '7a1e3c55-0b2d-4f6e-8a9c-1d3e5f7a9b03';

export const HEATMAP_EXAMPLE: HeatmapResponse = {
  from: '2026-11-01',
  to: '2026-12-01',
  groupBy: 'store',
  rows: [
    {
      orgUnitId: BINJIANG,
      name: '滨江烘焙店',
      managerId: null,
      headcount: 0,
      revenue: '0.00',
      perCapitaRevenue: null,
      members: [],
    },
    {
      orgUnitId: XIHU,
      name: '西湖烘焙店',
      managerId: WU,
      headcount: 2,
      revenue: '57900.00',
      perCapitaRevenue: '28950.00',
      members: [
        { userId: XU, name: '徐婷', revenue: '38600.00', orders: 12 },
        { userId: HE, name: '何静', revenue: '19300.00', orders: 7 },
      ],
    },
  ],
  definition:
    'members: active users with the rep role whose org unit lies in the row unit’s subtree; headcount: their number; …',
};

export const DRILLDOWN_EXAMPLE: DrilldownResponse = {
  userId: XU,
  name: '徐婷',
  from: '2026-11-01',
  to: '2026-12-01',
  orders: [
    {
      orderId: '9c2b4d6f-1a3e-4c5b-8d7f-0e1a2b3c4d01',
      orderedAt: EXAMPLE_TIME,
      amount: '8800.00',
      customer: { id: '3f1e5a7c-9b2d-4e6f-a1c3-5e7a9c1e3f01', name: '杭州西溪花园业主 王女士' },
    },
    {
      orderId: '9c2b4d6f-1a3e-4c5b-8d7f-0e1a2b3c4d02',
      orderedAt: '2026-11-20T03:15:00.000Z',
      amount: '6400.00',
      customer: { id: '3f1e5a7c-9b2d-4e6f-a1c3-5e7a9c1e3f02', name: '西湖区文三路 咖啡小馆' },
    },
    {
      orderId: '9c2b4d6f-1a3e-4c5b-8d7f-0e1a2b3c4d03',
      orderedAt: '2026-11-08T06:40:00.000Z',
      amount: '5200.00',
      customer: { id: '3f1e5a7c-9b2d-4e6f-a1c3-5e7a9c1e3f03', name: '杭州蓝莓幼儿园' },
    },
  ],
};
