import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { InvalidInputException, NotFoundException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { InvalidPhoneException } from '../customers/customers.exception';
import { CustomersService } from '../customers/customers.service';
import { normalizePhone } from '../customers/domain/phone';
import { CreateInquiryDto, InquiryQueryDto, InquiryResponse } from './dto/inquiry.dto';
import { inquiryMessages } from './inquiries.exception';
import { INQUIRY_LIST, InquiriesRepository, InquiryRow } from './inquiries.repository';

function toInquiryResponse(row: InquiryRow): InquiryResponse {
  return {
    id: row.id,
    customerId: row.customerId,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    content: row.content,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The enquirer as the body names it: a customer id, or a name and a normalised phone. */
type Enquirer = { customerId: string } | { name: string; phone: string };

/** One of the two forms, else 400 naming the field to fix; the phone normalised (400 INVALID_PHONE). */
function enquirerOf(dto: CreateInquiryDto): Enquirer {
  const byContact = dto.name !== undefined || dto.phone !== undefined;
  if ((dto.customerId === undefined) === !byContact) {
    throw new InvalidInputException([
      { field: 'customerId', message: inquiryMessages.oneCustomerKey },
    ]);
  }
  if (dto.customerId !== undefined) return { customerId: dto.customerId };
  if (dto.phone === undefined)
    throw new InvalidInputException([{ field: 'phone', message: inquiryMessages.phoneWithName }]);
  if (dto.name === undefined)
    throw new InvalidInputException([{ field: 'name', message: inquiryMessages.nameWithPhone }]);
  const phone = normalizePhone(dto.phone);
  if (!phone.ok) throw new InvalidPhoneException(phone.reason);
  return { name: dto.name, phone: phone.e164 };
}

/**
 * Inquiries (API.md §8). Scope: an inquiry is seen by whoever sees its
 * customer, the public pool included (a pool lead's inquiry is what a rep
 * reads before claiming it).
 */
@Injectable()
export class InquiriesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly inquiries: InquiriesRepository,
    private readonly customers: CustomersService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records an inquiry. Given a phone, it attaches to the customer holding
   * it whoever owns it (an inquiry is the customer's, not the recorder's),
   * or to a new `lead` in the pool made in the same transaction. The answer
   * has the same shape either way and tells nothing of that customer but its
   * id, which `POST /customers` also gives in a DUPLICATE_PHONE answer.
   */
  async create(principal: Principal, dto: CreateInquiryDto): Promise<InquiryResponse> {
    const enquirer = enquirerOf(dto);
    return this.tx.withTransaction(async () => {
      const customerId =
        'customerId' in enquirer
          ? (await this.customers.findVisible(principal, enquirer.customerId)).id
          : await this.customers.findOrCreateLead(principal, enquirer, 'inquiry');
      const row = await this.inquiries.insert({
        customerId,
        channel: dto.channel,
        receivedAt: new Date(dto.receivedAt),
        content: dto.content,
        createdBy: principal.userId,
      });
      await this.audit.append({
        actor: principal,
        entity: 'inquiry',
        entityId: row.id,
        action: 'created',
        data: { customerId, channel: row.channel },
      });
      return toInquiryResponse(row);
    });
  }

  async list(principal: Principal, query: InquiryQueryDto): Promise<Page<InquiryResponse>> {
    const plan = await INQUIRY_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scopeSql(principal, params)];
    if (query.customerId)
      where.push(`i.customer_id = ANY (${params.add(query.customerId)}::uuid[])`);
    if (query.channel) where.push(`i.channel = ANY (${params.add(query.channel)}::text[])`);
    if (query.receivedFrom)
      where.push(`i.received_at >= ${params.add(query.receivedFrom)}::timestamptz`);
    if (query.receivedTo)
      where.push(`i.received_at < ${params.add(query.receivedTo)}::timestamptz`);
    where.push(...plan.where(params));
    const rows = await this.inquiries.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toInquiryResponse);
  }

  async get(principal: Principal, id: string): Promise<InquiryResponse> {
    const params = new SqlParams();
    const row = await this.inquiries.findInScope(id, params, this.scopeSql(principal, params));
    if (!row) throw new NotFoundException(inquiryMessages.inquiry, id);
    return toInquiryResponse(row);
  }

  private scopeSql(principal: Principal, params: SqlParams): string {
    return this.scope.predicate(principal, 'c.owner_id', params, { includePool: true });
  }
}
