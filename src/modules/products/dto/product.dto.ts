import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { IsDecimalNumber, OptionalNotNull, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { PRODUCT_LIST } from '../products.repository';
import { MONEY, moneyMessage, NO_COMMA, POSITIVE_MONEY, SKU } from '../domain/product-patterns';

/** A product of the library. Prices are net of VAT; the floor price is computed, never sent. */
export class CreateProductDto {
  /** Unique as written, e.g. `BRG-6205-2RS`; a taken one gets 409 DUPLICATE_SKU. */
  @ApiProperty({ pattern: SKU.source })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(SKU, {
    message: 'sku may contain only letters, digits and ._/+- and must start with a letter or digit',
    context: { zh: 'sku 只能包含字母、数字和 ._/+-，并以字母或数字开头' },
  })
  sku: string;

  /** e.g. `深沟球轴承 6205-2RS`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(200) name: string;

  /** What a quantity counts, e.g. `个`, `套`, `米`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(20) unit: string;

  /** Money, net of VAT, above zero: a decimal string such as `"42.00"`. */
  @ApiProperty({ type: String, example: '42.00', pattern: POSITIVE_MONEY.source })
  @IsString()
  @Matches(POSITIVE_MONEY, moneyMessage('listPrice', true))
  listPrice: string;

  /** Money, net of VAT: a decimal string such as `"30.00"`; zero for a free item. */
  @ApiProperty({ type: String, example: '30.00', pattern: MONEY.source })
  @IsString()
  @Matches(MONEY, moneyMessage('cost', false))
  cost: string;

  /** VAT in percent, up to 2 decimals; 13 (China's standard rate) when left out. */
  @ApiPropertyOptional({ default: 13 })
  @OptionalNotNull()
  @IsDecimalNumber(2)
  @Min(0)
  @Max(100)
  taxRatePct?: number;

  /** e.g. `轴承`; a filter of `GET /products`, so it holds no comma. */
  @ApiPropertyOptional({ pattern: NO_COMMA.source })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_COMMA, {
    message: 'category may not contain a comma',
    context: { zh: 'category 不能包含逗号' },
  })
  category?: string | null;

  /**
   * The product's own floor margin in percent, 0 to 99.99; null or left out
   * means the setting `minMarginPct`.
   */
  @IsOptional()
  @IsDecimalNumber(2)
  @Min(0)
  @Max(99.99)
  minMarginPct?: number | null;
}

/**
 * Any of a product's fields. A field required on create may be left out,
 * but not set to null; `category: null` and `minMarginPct: null` clear them.
 */
export class UpdateProductDto extends PartialType(CreateProductDto, {
  skipNullProperties: false,
}) {}

export class ProductQueryDto extends ListQueryDto(PRODUCT_LIST) {
  /** Matches SKU or name (part of either, any case). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
  @AnyOf({ maxLength: 50 }, 'Products of any of these categories.') category?: string[];
}

export class ProductResponse {
  @ApiUuid() id: string;
  sku: string;
  name: string;
  unit: string;
  /** Money, net of VAT. */
  @ApiProperty({ type: String, example: '42.00' }) listPrice: string;
  /** Money, net of VAT. */
  @ApiProperty({ type: String, example: '30.00' }) cost: string;
  taxRatePct: number;
  category: string | null;
  /** The product's own floor margin; null when the setting applies. */
  minMarginPct: number | null;
  /** The margin in force: `minMarginPct`, or else the setting `minMarginPct`. */
  effectiveMinMarginPct: number;
  /** `cost / (1 − effectiveMinMarginPct/100)`, half-up to 2 places: no quote line may go below it. */
  @ApiProperty({ type: String, example: '34.29' }) floorPrice: string;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class ProductPage extends PageOf(ProductResponse) {}
