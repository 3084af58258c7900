import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../core/auth/principal';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { ErpSyncResponse } from '../erp-sync/dto/erp-sync-job.dto';
import { ErpSyncService } from '../erp-sync/erp-sync.service';
import { QuoteRow } from '../quotes/quotes.repository';
import { IllegalTransitionException } from '../quotes/quotes.exception';
import { QuotesService } from '../quotes/quotes.service';
import { ContractRow, ContractsRepository } from './contracts.repository';
import {
  contractMessages,
  ContractExistsException,
  DuplicateContractNoException,
} from './contracts.exception';
import { ContractResponse, SignContractDto } from './dto/contract.dto';

function toContractResponse(row: ContractRow, erpSync: ErpSyncResponse): ContractResponse {
  return {
    id: row.id,
    contractNo: row.contractNo,
    quoteId: row.quoteId,
    quoteVersion: row.quoteVersion,
    customerId: row.customerId,
    orderId: row.orderId,
    amount: row.amount,
    amountWithTax: row.amountWithTax,
    signedAt: row.signedAt.toISOString(),
    erpOrderNo: row.erpOrderNo,
    erpSync,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Contracts (API.md §6): a signed contract freezes the approved version of a
 * quote and, in the same transaction, makes its order, queues its ERP sync
 * job and marks the quote won. Either all of it is written, or none.
 */
@Injectable()
export class ContractsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly contracts: ContractsRepository,
    private readonly quotes: QuotesService,
    private readonly erpSync: ErpSyncService,
    private readonly scope: DataScopeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * 404 for a quote outside the caller's scope; 409 CONTRACT_EXISTS for a
   * quote that has its contract; 409 ILLEGAL_TRANSITION for a quote not
   * approved; 409 DUPLICATE_CONTRACT_NO for a number another contract has.
   * The quote's lock makes concurrent signings of one quote run one by one.
   */
  async sign(
    principal: Principal,
    quoteId: string,
    dto: SignContractDto,
  ): Promise<ContractResponse> {
    return this.tx.withTransaction(async () => {
      const quote = await this.winQuote(principal, quoteId);
      const written = await this.contracts.insertWithOrder(
        {
          contractNo: dto.contractNo ?? null,
          quoteId: quote.id,
          quoteVersion: quote.version,
          customerId: quote.customerId,
          ownerId: quote.ownerId,
          amount: quote.totals.amount,
          amountWithTax: quote.totals.amountWithTax,
          lines: quote.lines,
          signedAt: dto.signedAt ?? new Date().toISOString(),
        },
        principal.userId,
      );
      if (!written) {
        await this.assertNoContract(quote.id);
        throw new DuplicateContractNoException(
          (await this.contracts.findIdByNumber(dto.contractNo!))!,
        );
      }
      const { contract: row, syncJob } = written;
      const erpSync = await this.erpSync.enqueue(syncJob);
      await this.audit.append({
        actor: principal,
        entity: 'contract',
        entityId: row.id,
        action: 'signed',
        data: {
          contractNo: row.contractNo,
          quoteId: row.quoteId,
          quoteVersion: row.quoteVersion,
          orderId: row.orderId,
          amount: row.amount,
          amountWithTax: row.amountWithTax,
        },
      });
      return toContractResponse(row, erpSync);
    });
  }

  async get(principal: Principal, id: string): Promise<ContractResponse> {
    const row = await this.find(principal, id);
    return toContractResponse(row, await this.erpSync.stateOf(row.id));
  }

  async erpSyncOf(principal: Principal, id: string): Promise<ErpSyncResponse> {
    return this.erpSync.stateOf((await this.find(principal, id)).id);
  }

  private async find(principal: Principal, id: string): Promise<ContractRow> {
    const params = new SqlParams();
    const scopeSql = this.scope.predicate(principal, 'c.owner_id', params);
    const row = await this.contracts.findOne(id, params, scopeSql);
    if (!row) throw new NotFoundException(contractMessages.contract, id);
    return row;
  }

  /**
   * The quote, now won and locked: 409 CONTRACT_EXISTS when it was signed
   * already (won then), else as QuotesService.winForContract answers. The
   * contract is looked up only on that path, so a signing spends no read on it.
   */
  private async winQuote(principal: Principal, quoteId: string): Promise<QuoteRow> {
    try {
      return await this.quotes.winForContract(principal, quoteId);
    } catch (error) {
      if (error instanceof IllegalTransitionException) await this.assertNoContract(quoteId);
      throw error;
    }
  }

  private async assertNoContract(quoteId: string): Promise<void> {
    const existing = await this.contracts.findIdByQuote(quoteId);
    if (existing) throw new ContractExistsException(existing);
  }
}
