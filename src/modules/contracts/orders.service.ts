import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { SettingsService } from '../../core/settings/settings.service';
import { CustomersService } from '../customers/customers.service';
import { OrgUnitsService } from '../org/org-units.service';
import { contractMessages } from './contracts.exception';
import { CreateOrderDto, OrderPage, OrderQueryDto, OrderResponse } from './dto/order.dto';
import { ORDER_LIST, OrderRow, OrdersRepository } from './orders.repository';

function toOrderResponse(row: OrderRow): OrderResponse {
  return {
    id: row.id,
    customerId: row.customerId,
    storeId: row.storeId,
    contractId: row.contractId,
    amount: row.amount,
    orderedAt: row.orderedAt.toISOString(),
    lines: row.lines,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Orders (API.md §6): the realised sales that revenue and repurchase metrics
 * count. A contract makes its own (ContractsService); POS terminals, stores
 * and integrators report the others here, with an Idempotency-Key.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly orders: OrdersRepository,
    private readonly customers: CustomersService,
    private readonly orgUnits: OrgUnitsService,
    private readonly scope: DataScopeService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  /** 404 for a customer outside the caller's scope; 400 for a `storeId` that is no store. */
  async create(principal: Principal, dto: CreateOrderDto): Promise<OrderResponse> {
    return this.tx.withTransaction(async () => {
      await this.customers.get(principal, dto.customerId);
      if (dto.storeId) await this.orgUnits.assertStore(dto.storeId, 'storeId');
      const row = await this.orders.insert(
        {
          customerId: dto.customerId,
          storeId: dto.storeId ?? null,
          amount: dto.amount,
          orderedAt: dto.orderedAt,
          lines: dto.lines ?? null,
        },
        principal.userId,
      );
      await this.audit.append({
        actor: principal,
        entity: 'order',
        entityId: row.id,
        action: 'created',
        data: { customerId: row.customerId, storeId: row.storeId, amount: row.amount },
      });
      return toOrderResponse(row);
    });
  }

  async list(principal: Principal, query: OrderQueryDto): Promise<OrderPage> {
    const plan = await ORDER_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'c.owner_id', params)];
    if (query.customerId)
      where.push(`o.customer_id = ANY (${params.add(query.customerId)}::uuid[])`);
    if (query.storeId) where.push(`o.store_id = ANY (${params.add(query.storeId)}::uuid[])`);
    where.push(...plan.where(params));
    const rows = await this.orders.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toOrderResponse);
  }

  /** The customer's purchases this calendar year (organisation time zone), for its brief. */
  async yearToDate(customerId: string): Promise<string> {
    const { timezone } = await this.settings.get();
    return this.orders.yearToDate(customerId, timezone);
  }

  async get(principal: Principal, id: string): Promise<OrderResponse> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const row = await this.orders.findOne(id, params, scopeSql);
    if (!row) throw new NotFoundException(contractMessages.order, id);
    return toOrderResponse(row);
  }
}
