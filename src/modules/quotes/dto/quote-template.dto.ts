import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { Trimmed } from '../../../core/http/validation';
import { ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import { MONEY, moneyMessage } from '../../products/domain/product-patterns';
import { QUOTE_TEMPLATE_LIST } from '../quote-templates.repository';
import { MAX_QUOTE_LINES, ProductQtyDto } from './quote-line.dto';

export class TemplateLineDto extends ProductQtyDto {
  /** Money net of VAT; left out, a quote made from the template takes the list price of that day. */
  @ApiPropertyOptional({ type: String, example: '39.80', pattern: MONEY.source })
  @IsOptional()
  @IsString()
  @Matches(MONEY, moneyMessage('unitPrice', false))
  unitPrice?: string;
}

export class CreateQuoteTemplateDto {
  /** Unique, e.g. 「华东经销商标准套餐」; a taken name gets 409 DUPLICATE_TEMPLATE_NAME. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name: string;

  @ApiProperty({ type: TemplateLineDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUOTE_LINES)
  @ValidateNested({ each: true })
  @Type(() => TemplateLineDto)
  lines: TemplateLineDto[];

  /** Copied into each quote made from the template, e.g. 「含运费，款到发货」. */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class QuoteTemplateQueryDto extends ListQueryDto(QUOTE_TEMPLATE_LIST) {}

export class TemplateLineResponse {
  @ApiUuid() productId: string;
  qty: number;
  /** Null: the list price on the day a quote is made. */
  @ApiProperty({ type: String, nullable: true, example: '39.80' }) unitPrice: string | null;
}

export class QuoteTemplateResponse {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ type: TemplateLineResponse, isArray: true }) lines: TemplateLineResponse[];
  note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
}

export class QuoteTemplatePage extends PageOf(QuoteTemplateResponse) {}
