import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { axisDefinitions, radarAxes, radarDefinition } from '../domain/radar-axes';
import type { RepRadarResponse } from './rep-radar.dto';

const RANGE = { from: '2026-11-01', to: '2026-12-01' };

/**
 * 王磊 in a team of three: half his inquiries answered in time and half his
 * promises kept, 3 quotes won of 4 at a mean discount of 2.5 %, four points
 * of evidence of three follow-ups' six, 1 of 3 last month's buyers back.
 */
export const REP_RADAR_EXAMPLE: RepRadarResponse = {
  userId: EXAMPLE_IDS.rep,
  name: '王磊',
  ...RANGE,
  teamSize: 3,
  axes: radarAxes(
    {
      first_response: 50,
      compliance: 50,
      win_rate: 75,
      price_discipline: 97.5,
      follow_up_depth: 66.67,
      repurchase: 33.33,
    },
    [
      {
        first_response: 100,
        compliance: null,
        win_rate: 0,
        price_discipline: 100,
        follow_up_depth: 0,
        repurchase: 100,
      },
      {
        first_response: 0,
        compliance: null,
        win_rate: null,
        price_discipline: null,
        follow_up_depth: 0,
        repurchase: 0,
      },
    ],
    axisDefinitions(15),
    'en',
  ),
  definition: radarDefinition({ ...RANGE, timezone: 'Asia/Shanghai' }).en,
};
