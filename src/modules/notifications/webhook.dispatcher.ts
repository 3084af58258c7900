import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { JobOutcome, JobQueue, QueuedJob, SendPolicy } from '../../core/queue/job-queue';
import { SettingsService } from '../../core/settings/settings.service';
import { CredentialCipher } from '../erp-sync/connections/credential-cipher';
import { webhookOutcome } from './domain/outcome';
import { signWebhook } from './domain/signature';
import { wecomMessage } from './domain/wecom';
import { WEBHOOK_EVENT_NAMES, WebhookEvent } from './webhook-events';
import { postWebhook } from './webhook-http';
import { DeliveryAttempt, WebhooksRepository } from './webhooks.repository';

/** The queue of webhook deliveries, and where pg-boss moves one whose retries ran out. */
export const WEBHOOK_QUEUE = 'webhook-delivery';
export const WEBHOOK_DEAD_LETTER = 'webhook-delivery-dead';

/**
 * Delivery policy. Attempts: the first and 5 retries; the first retry waits
 * 1–2 × 10 s, each next one twice as long (pg-boss's jittered backoff), so a
 * delivery is dead after about 10 minutes of failures. A receiver gets 10 s
 * to answer; a worker silent for 60 s is presumed dead and its job retried.
 */
export const WEBHOOK_MAX_ATTEMPTS = 6;
const RETRY_DELAY_SECONDS = 10;
const LEASE_SECONDS = 60;
export const WEBHOOK_TIMEOUT_MS = 10_000;
const WORKERS = 2;
const POLL_SECONDS = 2;
const BATCH_SIZE = 25;

interface WebhookMessage {
  deliveryId: string;
}

/** How the deliveries of one `POST /webhooks/deliveries/run` ended up. */
export interface WebhookRunResult {
  processed: number;
  delivered: number;
  failed: number;
  retrying: number;
  dead: number;
}

type Ending = 'delivered' | 'failed' | 'retrying' | 'dead';

const DONE: JobOutcome = { kind: 'done' };

/**
 * Sends the webhook deliveries, through the app's one job queue (pg-boss),
 * as ErpSyncDispatcher sends ERP jobs: queued in the transaction that wrote
 * the delivery, sent after commit, retried with backoff, dead-lettered.
 * Each attempt counts itself first, then POSTs the signed body:
 *
 *   X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<body>">
 *   X-Timestamp: <Unix seconds of this attempt>
 *   X-Webhook-Id, X-Delivery-Id (the receiver's idempotency key)
 *
 * The body is the same at every attempt; the timestamp and signature are new.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly policy: SendPolicy = {
    retryLimit: WEBHOOK_MAX_ATTEMPTS - 1,
    retryDelaySeconds: RETRY_DELAY_SECONDS,
    leaseSeconds: LEASE_SECONDS,
    deadLetter: WEBHOOK_DEAD_LETTER,
  };

  constructor(
    private readonly queue: JobQueue,
    private readonly webhooks: WebhooksRepository,
    private readonly cipher: CredentialCipher,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.ensureQueue(WEBHOOK_DEAD_LETTER);
    await this.queue.ensureQueue(WEBHOOK_QUEUE);
  }

  /** Starts the workers unless the scheduler is off (tests trigger runs by hand). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const options = { batchSize: BATCH_SIZE, pollSeconds: POLL_SECONDS };
    await this.queue.work<WebhookMessage>(WEBHOOK_QUEUE, { ...options, count: WORKERS }, (jobs) =>
      this.deliver(jobs),
    );
    await this.queue.work<WebhookMessage>(WEBHOOK_DEAD_LETTER, { ...options, count: 1 }, (jobs) =>
      this.bury(jobs),
    );
  }

  /** Queues the deliveries in the caller's transaction. */
  async enqueue(deliveryIds: string[]): Promise<void> {
    for (const deliveryId of deliveryIds) {
      const message: WebhookMessage = { deliveryId };
      await this.queue.sendInTransaction(WEBHOOK_QUEUE, message, this.policy);
    }
  }

  /** Sends the due deliveries now (up to `limit`), then buries the dead letters. */
  async runDue(limit: number): Promise<WebhookRunResult> {
    const result: WebhookRunResult = {
      processed: 0,
      delivered: 0,
      failed: 0,
      retrying: 0,
      dead: 0,
    };
    const options = { batchSize: BATCH_SIZE, limit };
    const sent = await this.queue.drain<WebhookMessage>(WEBHOOK_QUEUE, options, (jobs) =>
      this.deliver(jobs, (ending) => result[ending]++),
    );
    result.processed = sent.processed;
    await this.queue.drain<WebhookMessage>(WEBHOOK_DEAD_LETTER, options, (jobs) =>
      this.bury(jobs, () => result.dead++),
    );
    return result;
  }

  private async deliver(
    jobs: QueuedJob<WebhookMessage>[],
    report: (ending: Ending) => void = () => undefined,
  ): Promise<JobOutcome[]> {
    const attempts = await this.webhooks.beginAttempts(jobs.map((job) => job.data.deliveryId));
    const needsTimezone = [...attempts.values()].some((attempt) => attempt.format === 'wecom');
    const timeZone = needsTimezone ? (await this.settings.get()).timezone : 'UTC';
    return Promise.all(
      jobs.map(async (job): Promise<JobOutcome> => {
        const attempt = attempts.get(job.data.deliveryId);
        if (!attempt) return DONE; // delivered, ended or deleted: a late duplicate
        const ending = await this.attempt(attempt, timeZone, job.retryCount >= job.retryLimit);
        report(ending.kind);
        return ending.kind === 'retrying' || ending.kind === 'dead'
          ? { kind: 'retry', reason: ending.reason }
          : DONE;
      }),
    );
  }

  private async attempt(
    attempt: DeliveryAttempt,
    timeZone: string,
    last: boolean,
  ): Promise<{ kind: 'delivered' | 'failed' } | { kind: 'retrying' | 'dead'; reason: string }> {
    let secret: string;
    try {
      secret = this.cipher.open(attempt.sealedSecret).secret;
    } catch {
      const reason = 'the webhook secret no longer opens (the server secret changed)';
      await this.webhooks.recordFailure(attempt.id, null, reason, 'failed');
      this.logger.error({ deliveryId: attempt.id, webhookId: attempt.webhookId }, reason);
      return { kind: 'failed' };
    }
    const body = JSON.stringify(this.bodyOf(attempt, timeZone));
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await postWebhook(
      attempt.url,
      {
        'x-signature': signWebhook(secret, timestamp, body),
        'x-timestamp': String(timestamp),
        'x-webhook-id': attempt.webhookId,
        'x-delivery-id': attempt.id,
        'x-webhook-event': attempt.event,
      },
      body,
      WEBHOOK_TIMEOUT_MS,
    );
    const verdict =
      answer.kind === 'answered'
        ? webhookOutcome(attempt.format, answer.status, answer.text)
        : { delivered: false as const, reason: answer.reason };
    const statusCode = answer.kind === 'answered' ? answer.status : null;
    if (verdict.delivered) {
      await this.webhooks.markDelivered(attempt.id, statusCode!);
      return { kind: 'delivered' };
    }
    await this.webhooks.recordFailure(
      attempt.id,
      statusCode,
      verdict.reason,
      last ? 'dead' : undefined,
    );
    const fields = { deliveryId: attempt.id, attempt: attempt.attempts, err: verdict.reason };
    if (last) {
      this.logger.error(fields, 'Webhook delivery is dead: retries ran out');
      return { kind: 'dead', reason: verdict.reason };
    }
    this.logger.warn(fields, 'Webhook delivery failed; it will be retried');
    return { kind: 'retrying', reason: verdict.reason };
  }

  /** Our JSON envelope, or the WeCom robot's markdown message. */
  private bodyOf(attempt: DeliveryAttempt, timeZone: string): object {
    if (attempt.format === 'wecom') {
      return wecomMessage({
        eventName: WEBHOOK_EVENT_NAMES[attempt.event as WebhookEvent] ?? attempt.event,
        event: attempt.event,
        payload: attempt.payload,
        occurredAt: attempt.createdAt,
        timeZone,
      });
    }
    return {
      id: attempt.id,
      event: attempt.event,
      createdAt: attempt.createdAt.toISOString(),
      data: attempt.payload,
    };
  }

  /** Deliveries pg-boss dead-lettered (a worker died during the last attempt): dead. */
  private async bury(
    jobs: QueuedJob<WebhookMessage>[],
    report: () => void = () => undefined,
  ): Promise<JobOutcome[]> {
    for (const job of jobs) {
      if (await this.webhooks.markDead(job.data.deliveryId)) report();
    }
    return jobs.map(() => DONE);
  }
}
