import { HealthCheckResult } from '@nestjs/terminus';

export const LIVE_EXAMPLE: HealthCheckResult = { status: 'ok', info: {}, error: {}, details: {} };

export const READY_EXAMPLE: HealthCheckResult = {
  status: 'ok',
  info: { database: { status: 'up' } },
  error: {},
  details: { database: { status: 'up' } },
};
