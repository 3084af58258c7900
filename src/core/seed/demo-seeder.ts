import { Injectable, Logger, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { withSessionLock } from '../database/advisory-lock';
import { TransactionHost } from '../database/transaction-host';

/** A module's demo data. `seed` must be idempotent: fixed ids and ON CONFLICT DO NOTHING. */
export interface DemoSeeder {
  seed(): Promise<void>;
}

const DEMO_SEEDER_ORDER = 'demo:seeder-order';

/** Marks a provider as a demo seeder; lower orders run first (org before customers, ...). */
export const DemoSeederOrder = (order: number) => SetMetadata(DEMO_SEEDER_ORDER, order);

/** The password of every demo user; demo data is for demos, never production. */
export const DEMO_PASSWORD = 'demo-password-2026';

/** A stable UUID for a demo row, so that seeding again finds the same row. */
export function demoId(kind: string, name: string): string {
  const hex = createHash('sha256').update(`demo:${kind}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** With DEMO_DATA=1, runs every module's seeder in order, in one transaction, once across replicas. */
@Injectable()
export class DemoDataRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const seeders = this.discovery
      .getProviders()
      .filter(
        (wrapper) =>
          wrapper.metatype &&
          Reflect.getMetadata(DEMO_SEEDER_ORDER, wrapper.metatype) !== undefined,
      )
      .sort(
        (a, b) =>
          Reflect.getMetadata(DEMO_SEEDER_ORDER, a.metatype!) -
          Reflect.getMetadata(DEMO_SEEDER_ORDER, b.metatype!),
      )
      .map((wrapper) => wrapper.instance as DemoSeeder);
    await withSessionLock(this.tx.dataSource, 'demo-data', () =>
      this.tx.withTransaction(async () => {
        for (const seeder of seeders) await seeder.seed();
      }),
    );
    this.logger.warn(
      `Demo data is in place (${seeders.length} seeders); demo users' password: ${DEMO_PASSWORD}`,
    );
  }
}
