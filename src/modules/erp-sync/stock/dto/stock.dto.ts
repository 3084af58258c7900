import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';
import type { ErpKind } from '../../adapters';

const ERP_KINDS = ['k3cloud', 'u8'] as const;

/** Every field is null until a pull has reported the product. */
export class ProductStockResponse {
  /** Summed over the ERP's warehouses, up to 4 fraction digits; may be negative where the ERP allows it. */
  @ApiProperty({ type: Number, nullable: true, example: 128.5 }) quantity: number | null;
  /** When the ERP reported this level. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) syncedAt: string | null;
  /** The ERP connection's name, e.g. 金蝶云星空（生产）. */
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ enum: ERP_KINDS, nullable: true }) erpKind: ErpKind | null;
  /** Seconds since `syncedAt`: how stale the level is. */
  @ApiProperty({ type: 'integer', nullable: true }) ageSeconds: number | null;
}

export class StockPullResponse {
  @ApiUuid() connectionId: string;
  /** The connection's name, written as each level's `source`. */
  source: string;
  @ApiProperty({ enum: ERP_KINDS }) erpKind: ErpKind;
  /** Products whose SKU was asked for: the whole library. */
  @ApiInteger() asked: number;
  /** Products whose level was written. */
  @ApiInteger() pulled: number;
  /** SKUs the ERP did not report; those products keep their last level. */
  @ApiInteger() unreported: number;
  /** The first 100 of them, by SKU. */
  unreportedSkus: string[];
  /** The time every level of this pull carries. */
  @ApiTime() syncedAt: string;
}
