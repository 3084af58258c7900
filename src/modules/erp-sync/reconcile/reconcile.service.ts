import { Injectable } from '@nestjs/common';
import { ErpOrderFound } from '../adapters';
import { ConnectedErp, ErpAdapterSource } from '../erp-adapter-source';
import { erpCallProblem, isErpCallError, requireActiveErp } from '../erp-call.exception';
import { reconcile } from './drift';
import { ReconcileQueryDto, ReconcileReport } from './dto/reconcile.dto';
import { ReconcileRepository } from './reconcile.repository';
import { reconcileWindow } from './reconcile-window';

/** The call a failed reconciliation names in its problem. */
const ORDER_LOOKUP = { en: 'order lookup', zh: '订单查询' };

/**
 * `GET /erp/reconcile`: the contracts signed in a window against the orders
 * the active connection's ERP holds under their numbers (docs/erp-sync.md#reconciliation).
 * It reads only: it neither fixes a job nor writes to the ERP.
 */
@Injectable()
export class ReconcileService {
  constructor(
    private readonly erps: ErpAdapterSource,
    private readonly repository: ReconcileRepository,
  ) {}

  async reconcile(query: ReconcileQueryDto): Promise<ReconcileReport> {
    const window = reconcileWindow(query.from, query.to);
    const erp = await requireActiveErp(this.erps);
    const contracts = await this.repository.contractsSignedIn(window.from, window.to);
    const orders = await this.ordersIn(
      erp,
      contracts.map((contract) => contract.contractNo),
    );
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      checkedAt: new Date().toISOString(),
      connection: { id: erp.connectionId, name: erp.name, kind: erp.kind },
      ...reconcile(contracts, orders),
    };
  }

  /** The adapter batches the lookups; its errors name the operation, never a URL or a secret. */
  private async ordersIn(erp: ConnectedErp, numbers: string[]): Promise<ErpOrderFound[]> {
    if (!numbers.length) return [];
    try {
      return await erp.adapter.findOrders(numbers);
    } catch (error) {
      if (isErpCallError(error)) throw erpCallProblem(erp, ORDER_LOOKUP, error);
      throw error;
    }
  }
}
