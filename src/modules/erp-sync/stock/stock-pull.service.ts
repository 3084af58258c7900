import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { JobScheduler } from '../../../core/scheduling/job-scheduler';
import { ErpRequestError, RetryableErpError, StockLevel } from '../adapters';
import { ConnectedErp, ErpAdapterSource } from '../erp-adapter-source';
import { erpCallProblem, isErpCallError, requireActiveErp } from '../erp-call.exception';
import { StockRepository } from './stock.repository';

export const ERP_STOCK_JOB = 'erp-stock';

/** The call a failed pull names in its problem. */
const STOCK_QUERY = { en: 'stock query', zh: '库存查询' };

/** SKUs per fetchStock call: bounds one call's size and time (K3 queries 200 per request, U8 one). */
export const STOCK_PULL_BATCH = 200;

/** How many of the SKUs the ERP did not report a pull names (all are counted). */
export const UNREPORTED_SKUS_SHOWN = 100;

export interface StockPullResult {
  connectionId: string;
  source: string;
  erpKind: ConnectedErp['kind'];
  /** Products whose SKU was asked for. */
  asked: number;
  /** Products whose level was written. */
  pulled: number;
  /** Asked for, not reported by the ERP: their last level is kept. */
  unreported: number;
  /** The first of them, by SKU. */
  unreportedSkus: string[];
  syncedAt: Date;
}

/**
 * Pulls the stock of every product from the active ERP connection: on
 * ERP_STOCK_CRON and on demand, always under the job's advisory lock, so
 * replicas never pull at once. All levels are fetched before any is written,
 * so a pull that fails half-way leaves every stored level as it was.
 */
@Injectable()
export class StockPullService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StockPullService.name);

  constructor(
    private readonly erps: ErpAdapterSource,
    private readonly stock: StockRepository,
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.schedule(ERP_STOCK_JOB, this.config.erpStockCron, () =>
      this.scheduledPull(),
    );
  }

  /** On demand: waits for a pull in progress (of any replica), then pulls; ERP failures are 502. */
  pullNow(): Promise<StockPullResult> {
    return this.scheduler.runNow(ERP_STOCK_JOB, async () => {
      const erp = await requireActiveErp(this.erps);
      try {
        return await this.pull(erp);
      } catch (error) {
        if (!isErpCallError(error)) throw error;
        this.logFailure(erp, error);
        throw erpCallProblem(erp, STOCK_QUERY, error);
      }
    });
  }

  /** A scheduled tick: no connection or a failing ERP is logged, never thrown. */
  async scheduledPull(): Promise<StockPullResult | undefined> {
    const erp = await this.erps.active();
    if (!erp) {
      this.logger.log('Stock pull skipped: no ERP connection is active');
      return undefined;
    }
    try {
      return await this.pull(erp);
    } catch (error) {
      if (!isErpCallError(error)) throw error;
      this.logFailure(erp, error);
      return undefined;
    }
  }

  private async pull(erp: ConnectedErp): Promise<StockPullResult> {
    const started = Date.now();
    const skus = await this.stock.allSkus();
    const levels = await this.fetchAll(erp, skus);
    const { written, syncedAt } = await this.stock.upsert(levels, {
      connectionId: erp.connectionId,
      source: erp.name,
      erpKind: erp.kind,
    });
    const reported = new Set(levels.map((level) => level.sku));
    const unreported = skus.filter((sku) => !reported.has(sku));
    this.logger.log(
      {
        connection: erp.name,
        asked: skus.length,
        pulled: written,
        unreported: unreported.length,
        ms: Date.now() - started,
      },
      'Stock pulled from the ERP',
    );
    return {
      connectionId: erp.connectionId,
      source: erp.name,
      erpKind: erp.kind,
      asked: skus.length,
      pulled: written,
      unreported: unreported.length,
      unreportedSkus: unreported.slice(0, UNREPORTED_SKUS_SHOWN),
      syncedAt,
    };
  }

  private async fetchAll(erp: ConnectedErp, skus: string[]): Promise<StockLevel[]> {
    const levels: StockLevel[] = [];
    for (let i = 0; i < skus.length; i += STOCK_PULL_BATCH) {
      levels.push(...(await erp.adapter.fetchStock(skus.slice(i, i + STOCK_PULL_BATCH))));
    }
    return levels;
  }

  /** The adapters' messages name the operation, never a URL or a credential: safe to log. */
  private logFailure(erp: ConnectedErp, error: ErpRequestError | RetryableErpError): void {
    this.logger.warn(
      { connection: erp.name, kind: erp.kind, error: error.message },
      `Stock pull from the ERP "${erp.name}" failed; stored levels are unchanged until the next pull`,
    );
  }
}
