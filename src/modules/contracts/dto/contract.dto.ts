import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CLOCK_DRIFT_MS, IsTimestamp, NotInFuture } from '../../../core/http/timestamps';
import { Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { ErpSyncResponse } from '../../erp-sync/dto/erp-sync-job.dto';

/** A contract number as ERPs take a bill number: letters, digits and `-_/.`. */
const CONTRACT_NO = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export class SignContractDto {
  /** The paper contract's number, e.g. `HT-2026-000123`; generated when left out. Unique. */
  @ApiPropertyOptional({ pattern: CONTRACT_NO.source })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(CONTRACT_NO, {
    message:
      'contractNo may contain only letters, digits and ._/- and must start with a letter or digit',
    context: { zh: 'contractNo 只能包含字母、数字和 ._/-，并以字母或数字开头' },
  })
  contractNo?: string;

  /** When it was signed, ISO-8601 with an offset; now when left out. Not in the future. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @NotInFuture(CLOCK_DRIFT_MS)
  @IsTimestamp()
  signedAt?: string;
}

export class ContractResponse {
  @ApiUuid() id: string;
  contractNo: string;
  @ApiUuid() quoteId: string;
  /** The approved version the contract was made from. */
  @ApiInteger() quoteVersion: number;
  @ApiUuid() customerId: string;
  /** The order the contract made. */
  @ApiUuid() orderId: string;
  /** Net of VAT, like the quote's. */
  @ApiProperty({ type: String, example: '4776.00' }) amount: string;
  @ApiProperty({ type: String, example: '5396.88' }) amountWithTax: string;
  @ApiTime() signedAt: string;
  /** The ERP's number for the sales order, once synced. */
  erpOrderNo: string | null;
  erpSync: ErpSyncResponse;
  @ApiTime() createdAt: string;
}
