import type { CustomFieldMetricResponse } from './custom-field-metric.dto';

export const CUSTOM_FIELD_METRIC_EXAMPLE: CustomFieldMetricResponse = {
  entity: 'follow_up',
  key: 'tasting_feedback',
  rows: [
    {
      orgUnitId: '5d0c7a52-3e8f-4b1a-9c4e-2f6a8b1d7e02',
      name: '滨江烘焙店',
      counts: { 满意: 4, 一般: 3, 需改进: 1 },
    },
    {
      orgUnitId: '5d0c7a52-3e8f-4b1a-9c4e-2f6a8b1d7e01',
      name: '西湖烘焙店',
      counts: { 满意: 12, 一般: 5, 需改进: 2 },
    },
  ],
};
