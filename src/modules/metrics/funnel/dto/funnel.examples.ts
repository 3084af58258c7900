import { metricMessages } from '../../metrics.exception';
import { FunnelResponse } from './funnel.dto';

/** Two weeks of the funnel in Asia/Shanghai: the second lost more than it won. */
export const FUNNEL_EXAMPLE: FunnelResponse = {
  buckets: [
    {
      week: '2026-W48',
      from: '2026-11-22T16:00:00.000Z',
      to: '2026-11-29T16:00:00.000Z',
      stages: { lead: 14, contacted: 9, quoted: 5, won: 2 },
      quotes: { won: 3, lost: 1, lossRatePct: 25 },
    },
    {
      week: '2026-W49',
      from: '2026-11-29T16:00:00.000Z',
      to: '2026-12-06T16:00:00.000Z',
      stages: { lead: 11, contacted: 8, quoted: 6, won: 1 },
      quotes: { won: 2, lost: 4, lossRatePct: 66.67 },
    },
  ],
  definition: metricMessages.funnelDefinition.en,
};
