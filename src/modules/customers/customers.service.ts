import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import {
  CustomerQueryDto,
  CreateCustomerDto,
  CustomerResponse,
  UpdateCustomerDto,
} from './dto/customer.dto';
import {
  assignableOwnerSql,
  CUSTOMER_LIST,
  CustomerRow,
  CustomersRepository,
  EditableField,
  searchSql,
} from './customers.repository';
import {
  AlreadyInPoolException,
  customerMessages,
  AlreadyOwnedException,
  CustomerInPoolException,
  DuplicatePhoneException,
  InvalidPhoneException,
  OwnerNotAllowedException,
  OwnerOutOfScopeException,
} from './customers.exception';
import { CustomerFollowers } from './customer-followers';
import { Stage } from './customer.entity';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { OrgUnitsService } from '../org/org-units.service';
import { decideOwner } from './domain/ownership';
import { maskPhone, normalizePhone } from './domain/phone';
import { phoneMaskedFor } from './domain/pool-privacy';

/**
 * Field by field, not by spreading the row: rows of many columns come from pg
 * as dictionary-mode objects, and spreading them was an eighth of the CPU of
 * a page of customers (npm run bench -- api).
 */
export function toCustomerResponse(row: CustomerRow, principal: Principal): CustomerResponse {
  const masked = phoneMaskedFor(principal, row.ownerId);
  return {
    id: row.id,
    name: row.name,
    phone: masked ? maskPhone(row.phone) : row.phone,
    phoneMasked: masked,
    segment: row.segment,
    company: row.company,
    city: row.city,
    tags: row.tags,
    purchaseFrequency: row.purchaseFrequency === null ? null : Number(row.purchaseFrequency),
    avgOrderValue: row.avgOrderValue,
    ownerId: row.ownerId,
    storeId: row.storeId,
    erpCode: row.erpCode,
    customFields: row.customFields,
    stage: row.stage,
    lastInteractionAt: row.lastInteractionAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function phoneOrThrow(input: string): string {
  const result = normalizePhone(input);
  if (!result.ok) throw new InvalidPhoneException(result.reason);
  return result.e164;
}

/** The DTO's editable fields that were sent, phone normalised. */
function editableChanges(
  dto: UpdateCustomerDto | CreateCustomerDto,
): Partial<Record<EditableField, unknown>> {
  const { phone, ownerId: _ownerDecidedElsewhere, ...rest } = dto as CreateCustomerDto;
  const changes: Partial<Record<EditableField, unknown>> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  if (phone !== undefined) changes.phone = phoneOrThrow(phone);
  return changes;
}

@Injectable()
export class CustomersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly customers: CustomersRepository,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
    private readonly orgUnits: OrgUnitsService,
    private readonly followers: CustomerFollowers,
    private readonly customFields: CustomFieldsService,
  ) {}

  async create(dto: CreateCustomerDto, principal: Principal): Promise<CustomerResponse> {
    const changes = editableChanges(dto);
    return this.tx.withTransaction(async () => {
      const ownerId = await this.ownerForNewCustomer(principal, dto.ownerId);
      if (dto.storeId) await this.orgUnits.assertStore(dto.storeId, 'storeId');
      await this.customFields.assertValid('customer', dto.customFields ?? {});
      const row = await this.customers.insert({
        name: dto.name,
        phone: changes.phone as string,
        ownerId,
        fields: changes,
      });
      if (!row) {
        const existing = (await this.customers.findOwnerByPhone(changes.phone as string))!;
        throw new DuplicatePhoneException(existing.id, existing.ownerId);
      }
      await this.audit.append({
        actor: principal,
        entity: 'customer',
        entityId: row.id,
        action: 'created',
        data: { ownerId },
      });
      return toCustomerResponse(row, principal);
    });
  }

  async list(principal: Principal, query: CustomerQueryDto): Promise<Page<CustomerResponse>> {
    const plan = await CUSTOMER_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'c.owner_id', params, { includePool: true })];
    if (query.q) where.push(searchSql(query.q, principal, params));
    if (query.ownerId) where.push(`c.owner_id = ANY (${params.add(query.ownerId)}::uuid[])`);
    if (query.pool)
      where.push(query.pool === 'true' ? 'c.owner_id IS NULL' : 'c.owner_id IS NOT NULL');
    if (query.stage) where.push(`c.stage = ANY (${params.add(query.stage)}::text[])`);
    if (query.tag) where.push(`c.tags && ${params.add(query.tag)}::text[]`);
    where.push(...plan.where(params));
    const rows = await this.customers.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, (row) => toCustomerResponse(row, principal));
  }

  async get(principal: Principal, id: string): Promise<CustomerResponse> {
    return toCustomerResponse(await this.findVisible(principal, id), principal);
  }

  /** Owners and their superiors edit; pool customers are claimed first. */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateCustomerDto,
    expectedVersion?: number,
  ): Promise<CustomerResponse> {
    const changes = editableChanges(dto);
    return this.tx.withTransaction(async () => {
      const current = await this.findManaged(principal, id, true);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(
          customerMessages.customer,
          expectedVersion,
          current.version,
        );
      }
      if (dto.storeId) await this.orgUnits.assertStore(dto.storeId, 'storeId');
      // customFields is replaced whole, so the whole new object is checked.
      if (dto.customFields !== undefined)
        await this.customFields.assertValid('customer', dto.customFields, current.customFields);
      if (changes.phone && changes.phone !== current.phone) {
        const holder = await this.customers.findOwnerByPhone(changes.phone as string);
        if (holder) throw new DuplicatePhoneException(holder.id, holder.ownerId);
      }
      if (!Object.keys(changes).length) return toCustomerResponse(current, principal);
      return toCustomerResponse(await this.customers.update(id, changes), principal);
    });
  }

  /** One atomic UPDATE … WHERE owner_id IS NULL: of N concurrent claims exactly one wins. */
  async claim(principal: Principal, id: string): Promise<CustomerResponse> {
    return this.tx.withTransaction(async () => {
      const row = await this.customers.setOwner(id, principal.userId, 'c.owner_id IS NULL');
      if (!row) {
        const existing = await this.customers.findOwner(id);
        if (!existing) throw new NotFoundException(customerMessages.customer, id);
        throw new AlreadyOwnedException(existing.ownerId!);
      }
      await this.followers.follow(principal, [id], principal.userId);
      await this.auditOwnerChange(principal, id, 'claimed', null, principal.userId);
      return toCustomerResponse(row, principal);
    });
  }

  /** Back to the pool, by the owner or the owner's superiors. */
  async release(principal: Principal, id: string): Promise<CustomerResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.findManaged(principal, id, true);
      if (current.ownerId === null) throw new AlreadyInPoolException();
      const row = (await this.customers.setOwner(id, null))!;
      await this.followers.follow(principal, [id], null);
      await this.auditOwnerChange(principal, id, 'released', current.ownerId, null);
      return toCustomerResponse(row, principal);
    });
  }

  async transfer(principal: Principal, id: string, toUserId: string): Promise<CustomerResponse> {
    return this.tx.withTransaction(async () => {
      const current = await this.findVisible(principal, id, true);
      await this.assertAssignable(principal, toUserId, 'toUserId');
      const row = (await this.customers.setOwner(id, toUserId))!;
      await this.followers.follow(principal, [id], toUserId);
      await this.auditOwnerChange(principal, id, 'transferred', current.ownerId, toUserId);
      return toCustomerResponse(row, principal);
    });
  }

  /**
   * Handover (离职交接): every customer `fromUserId` owns goes to `toUserId` in
   * one UPDATE, each with its audited transfer, as `transfer` records one. The
   * caller's scope applies in the statement, as everywhere. What follows the
   * customers (open quotes) moves too. Returns the ids moved, and how many of
   * each follower's objects moved with them.
   */
  async handOver(
    principal: Principal,
    fromUserId: string,
    toUserId: string,
  ): Promise<{ customerIds: string[]; followers: Record<string, number> }> {
    return this.tx.withTransaction(async () => {
      await this.assertAssignable(principal, toUserId, 'toUserId');
      const params = new SqlParams();
      const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
      const ids = await this.customers.moveOwned(fromUserId, toUserId, params, scopeSql);
      const followers = await this.followers.follow(principal, ids, toUserId);
      // One event per customer; AuditService chains them in one batch at commit (see docs/audit.md).
      for (const id of ids) {
        await this.auditOwnerChange(principal, id, 'transferred', fromUserId, toUserId);
      }
      return { customerIds: ids, followers };
    });
  }

  private async ownerForNewCustomer(
    principal: Principal,
    requested: string | undefined,
  ): Promise<string | null> {
    const decision = decideOwner(principal, requested);
    if (decision === 'rep_must_own') throw new OwnerNotAllowedException();
    if (decision.kind === 'check_scope')
      await this.assertAssignable(principal, decision.userId, 'ownerId');
    return decision.userId;
  }

  /** The new owner must be an active user whom the caller could see as an owner. */
  private async assertAssignable(
    principal: Principal,
    userId: string,
    field: string,
  ): Promise<void> {
    const params = new SqlParams();
    const [found] = await this.tx.query(
      `SELECT 1 FROM users u WHERE u.id = ${params.add(userId)}
       AND ${assignableOwnerSql(this.scope, principal, params)}`,
      params.values,
    );
    if (!found) throw new OwnerOutOfScopeException(field);
  }

  /**
   * A customer the caller works on (follow-ups, briefs): owned by the caller
   * or someone below it; the pool only for see-all roles. A pool customer the
   * caller can only look at is CustomerInPoolException: claim it first.
   */
  async findWorkable(principal: Principal, id: string, lock = false): Promise<CustomerRow> {
    try {
      return await this.findManaged(principal, id, lock);
    } catch (error) {
      if (
        error instanceof NotFoundException &&
        (await this.findVisible(principal, id)).ownerId === null
      )
        throw new CustomerInPoolException();
      throw error;
    }
  }

  /**
   * Records a touch: `lastInteractionAt` becomes the latest touch (a
   * back-dated one never moves it back) and `stage`, if given, is set.
   */
  async recordInteraction(id: string, occurredAt: Date, stage: Stage | undefined): Promise<void> {
    await this.customers.recordInteraction(id, occurredAt, stage ?? null);
  }

  /**
   * The customer holding `phone`, whoever owns it, or a new `lead` in the
   * public pool, audited as a creation with `source` (e.g. an inquiry names
   * its enquirer by phone). Two callers with one new phone at once make one
   * customer: the unique index decides, and the loser gets the winner's.
   * Returns the customer's id.
   */
  async findOrCreateLead(
    principal: Principal,
    lead: { name: string; phone: string },
    source: string,
  ): Promise<string> {
    const holder = await this.customers.findOwnerByPhone(lead.phone);
    if (holder) return holder.id;
    const row = await this.customers.insert({ ...lead, ownerId: null, fields: {} });
    if (!row) return (await this.customers.findOwnerByPhone(lead.phone))!.id;
    await this.audit.append({
      actor: principal,
      entity: 'customer',
      entityId: row.id,
      action: 'created',
      data: { ownerId: null, source },
    });
    return row.id;
  }

  /** In scope, pool included (any role may look at the pool to claim from it). */
  async findVisible(principal: Principal, id: string, lock = false): Promise<CustomerRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params, { includePool: true });
    const row = await this.customers.findOne(id, params, scopeSql, lock);
    if (!row) throw new NotFoundException(customerMessages.customer, id);
    return row;
  }

  /**
   * What the caller may edit or release: owned by the caller or someone below it
   * (the pool only for see-all roles; others claim first).
   */
  private async findManaged(principal: Principal, id: string, lock = false): Promise<CustomerRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const row = await this.customers.findOne(id, params, scopeSql, lock);
    if (!row) throw new NotFoundException(customerMessages.customer, id);
    return row;
  }

  private auditOwnerChange(
    principal: Principal,
    id: string,
    action: string,
    fromUserId: string | null,
    toUserId: string | null,
  ) {
    return this.audit.append({
      actor: principal,
      entity: 'customer',
      entityId: id,
      action,
      data: { fromUserId, toUserId },
    });
  }
}
