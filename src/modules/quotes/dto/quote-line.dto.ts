import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsDecimalNumber } from '../../../core/http/validation';
import { ApiUuid } from '../../../core/openapi/api-formats';
import { MONEY, moneyMessage } from '../../products/domain/product-patterns';

/** The most lines a quote or template holds: a price list, not a catalogue. */
export const MAX_QUOTE_LINES = 500;

/** A quantity as `numeric(14,4)` holds it: positive, up to 10 integer digits and 4 decimals. */
const MAX_QTY = 9_999_999_999;

/** A product and a quantity: what a quote line and a template line share. */
export class ProductQtyDto {
  @ApiUuid() @IsUUID() productId: string;

  /** Above zero, up to 4 decimals, e.g. `120` or `2.5`. */
  @IsDecimalNumber(4) @Min(0.0001) @Max(MAX_QTY) qty: number;
}

export class QuoteLineDto extends ProductQtyDto {
  /** Money net of VAT, as a decimal string such as `"39.80"`; not below the product's floor price. */
  @ApiProperty({ type: String, example: '39.80', pattern: MONEY.source })
  @IsString()
  @Matches(MONEY, moneyMessage('unitPrice', false))
  unitPrice: string;
}
