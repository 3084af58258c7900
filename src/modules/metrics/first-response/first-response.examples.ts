import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { firstResponseDefinition } from './first-response';
import { FirstResponseResponse } from './first-response.dto';

/** Six inquiries answered after 3, 10, 15, 16 and 40 minutes, one never and long ago. */
export const FIRST_RESPONSE_EXAMPLE: FirstResponseResponse = {
  targetMinutes: 15,
  count: 6,
  responded: 5,
  medianMinutes: 15,
  p90Minutes: 40,
  withinTargetPct: 50,
  definition: firstResponseDefinition({
    from: '2026-11-01',
    to: '2026-12-01',
    groupBy: 'rep',
    timezone: 'Asia/Shanghai',
    targetMinutes: 15,
  }).en,
  groups: [
    {
      key: EXAMPLE_IDS.rep,
      name: '王磊',
      count: 6,
      responded: 5,
      medianMinutes: 15,
      p90Minutes: 40,
      withinTargetPct: 50,
    },
  ],
};
