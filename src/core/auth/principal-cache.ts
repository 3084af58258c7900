import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { TransactionHost } from '../database/transaction-host';
import { Principal } from './principal';

/**
 * Notified by triggers on users, api_keys and sessions at commit (see the
 * NotifyPrincipalChanges and CreateSessions migrations).
 */
export const PRINCIPALS_CHANGED = 'principals_changed';

/** A safety net only: every change drops the cache through the channel at once. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RELISTEN_DELAY_MS = 1_000;

interface Entry {
  principal: Principal;
  expiresAt: number;
}

/**
 * Who a token or API key is, with its roles, kept in memory so that a request
 * costs one round trip to PostgreSQL (its own query), not two.
 *
 * A demotion, deactivation, revocation or ended session must still take
 * effect at once on every replica. Triggers on users, api_keys and sessions
 * NOTIFY a channel at commit; each replica LISTENs on a connection of its
 * own and drops its whole cache on any notification (such changes are rare).
 * While that connection is down, nothing is cached, since a notification
 * could be missed. A load that began before a drop is not stored (the
 * generation check), so a stale read racing with a change cannot outlive it.
 */
@Injectable()
export class PrincipalCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listener?: Client;
  private relisten?: NodeJS.Timeout;
  /** When the channel was lost, while it is. */
  private lostAt?: number;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relisten);
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await quietlyEnd(listener);
  }

  /** The cached principal for `key`, or what `load` finds (cached if it found one). */
  async get(key: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.principal;
    const generation = this.generation;
    const principal = await load();
    if (principal && this.listener && generation === this.generation) this.store(key, principal);
    return principal;
  }

  /**
   * Drops the cache once the caller's transaction commits. The trigger's
   * notification does so too, on every replica, but it arrives a moment
   * later; this makes the change visible to the very next request here.
   */
  dropAfterCommit(): void {
    this.tx.afterCommit(() => this.drop());
  }

  private drop(): void {
    this.generation++;
    this.entries.clear();
  }

  private store(key: string, principal: Principal): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { principal, expiresAt: Date.now() + TTL_MS });
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'sales-api-principals',
    });
    client.on('notification', () => this.drop());
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPALS_CHANGED}`);
    } catch (error) {
      return this.lose(client, error);
    }
    // The app may have begun to shut down while this connected.
    if (this.stopped) return quietlyEnd(client);
    this.drop();
    this.listener = client;
    if (this.lostAt !== undefined) {
      const seconds = Math.round((Date.now() - this.lostAt) / 1000);
      this.logger.log(`Listening to the principal-change channel again, after ${seconds} s`);
      this.lostAt = undefined;
    }
  }

  /** Caching stops until the channel is listened to again; anything missed meanwhile is dropped. */
  private lose(client: Client, error?: unknown): void {
    if (this.listener === client) {
      this.lostAt = Date.now();
      const reason = error instanceof Error ? `: ${error.message}` : '';
      this.logger.warn(
        `Lost the principal-change channel${reason}; caching paused until it is back`,
      );
    }
    this.listener = undefined;
    this.drop();
    void quietlyEnd(client);
    if (this.stopped || this.relisten) return;
    this.relisten = setTimeout(() => {
      this.relisten = undefined;
      void this.listen();
    }, RELISTEN_DELAY_MS);
  }
}

/** Ends a connection whose events no longer matter; an error while it ends is not news. */
async function quietlyEnd(client: Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}
