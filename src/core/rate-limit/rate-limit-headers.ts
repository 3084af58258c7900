import type { FastifyInstance, FastifyReply } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request stands against one limit, once its own hit is counted. */
export interface Quota {
  limit: number;
  /** Hits still allowed in this window. */
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
  windowSeconds: number;
}

/** The quota of `limit` hits per window after `hits` of them; the reset is at least a second. */
export function quota(
  { limit, windowSeconds }: { limit: number; windowSeconds: number },
  hits: number,
  resetSeconds: number,
): Quota {
  return {
    limit,
    remaining: Math.max(0, limit - hits),
    resetSeconds: Math.max(1, resetSeconds),
    windowSeconds,
  };
}

/** Of several limits on one request, the one that runs out first (fewest left, then latest reset). */
export function tightest(quotas: Quota[]): Quota {
  return quotas.reduce((tight, next) =>
    next.remaining < tight.remaining ||
    (next.remaining === tight.remaining && next.resetSeconds > tight.resetSeconds)
      ? next
      : tight,
  );
}

/**
 * The headers of draft-ietf-httpapi-ratelimit-headers-06 (December 2022),
 * the last version with one field per value, which is the form most gateways
 * and client libraries read (-07 merged them into one structured `RateLimit`
 * field): the limit, what is left, the seconds to the reset (delta-seconds,
 * like Retry-After), and the policy as `limit;w=window-seconds`.
 */
export function rateLimitHeaders(quota: Quota): Record<string, string> {
  return {
    'ratelimit-limit': String(quota.limit),
    'ratelimit-remaining': String(quota.remaining),
    'ratelimit-reset': String(quota.resetSeconds),
    'ratelimit-policy': `${quota.limit};w=${quota.windowSeconds}`,
  };
}

/**
 * The reply of the request being served. Limits are counted in services,
 * which have no reply; this lets them put their headers on it.
 */
const replies = new AsyncLocalStorage<FastifyReply>();

/** Fastify carries a context entered in onRequest through body parsing to the handler. */
export function installRateLimitHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (_request, reply, done) => replies.run(reply, done));
}

/**
 * Puts the tightest of a request's quotas on its answer, success or 429 alike
 * (the problem+json filter adds its headers to these). A later report in the
 * same request replaces an earlier one. Outside a request, it does nothing.
 */
export function reportQuota(quotas: Quota[]): void {
  const reply = replies.getStore();
  if (reply && !reply.sent) void reply.headers(rateLimitHeaders(tightest(quotas)));
}
