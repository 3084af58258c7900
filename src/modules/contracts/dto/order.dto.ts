import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { CLOCK_DRIFT_MS, IsTimestamp, NotInFuture } from '../../../core/http/timestamps';
import { ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { MONEY, moneyMessage } from '../../products/domain/product-patterns';
import { ORDER_LIST } from '../orders.repository';

/** A quantity as a decimal string: up to 10 integer digits and 4 decimals. */
const QTY = /^(0|[1-9]\d{0,9})(\.\d{1,4})?$/;

export class OrderLineDto {
  @IsString() @MinLength(1) @MaxLength(64) sku: string;

  /** A decimal string, e.g. `"12"` or `"2.5"`. */
  @ApiProperty({ type: String, example: '12', pattern: QTY.source })
  @IsString()
  @Matches(QTY, {
    message: 'qty must be a decimal string with at most 10 integer digits and 4 decimals',
    context: { zh: 'qty 必须是十进制字符串，最多 10 位整数和 4 位小数' },
  })
  qty: string;

  /** Money net of VAT, e.g. `"39.80"`. */
  @ApiProperty({ type: String, example: '39.80', pattern: MONEY.source })
  @IsString()
  @Matches(MONEY, moneyMessage('unitPrice', false))
  unitPrice: string;
}

/** A sale a POS, a store or an integrator reports. */
export class CreateOrderDto {
  /** A customer in the caller's scope. */
  @ApiUuid() @IsUUID() customerId: string;

  /** The store that sold it. */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  storeId?: string;

  /** Money net of VAT, e.g. `"1288.00"`. */
  @ApiProperty({ type: String, example: '1288.00', pattern: MONEY.source })
  @IsString()
  @Matches(MONEY, moneyMessage('amount', false))
  amount: string;

  /** When it was sold, ISO-8601 with an offset; not in the future. */
  @ApiTime() @NotInFuture(CLOCK_DRIFT_MS) @IsTimestamp() orderedAt: string;

  @ApiPropertyOptional({ type: OrderLineDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines?: OrderLineDto[];
}

export class OrderQueryDto extends ListQueryDto(ORDER_LIST) {
  @AnyOf({ format: 'uuid' }, 'Orders of any of these customers.') customerId?: string[];
  @AnyOf({ format: 'uuid' }, 'Orders of any of these stores.') storeId?: string[];
}

export class OrderLineResponse {
  sku: string;
  @ApiProperty({ type: String, example: '12' }) qty: string;
  @ApiProperty({ type: String, example: '39.80' }) unitPrice: string;
}

export class OrderResponse {
  @ApiUuid() id: string;
  @ApiUuid() customerId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) storeId: string | null;
  /** The contract that made it; null for a reported sale. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty({ type: String, example: '1288.00' }) amount: string;
  @ApiTime() orderedAt: string;
  @ApiProperty({ type: OrderLineResponse, isArray: true, nullable: true })
  lines: OrderLineResponse[] | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
}

export class OrderPage extends PageOf(OrderResponse) {}
