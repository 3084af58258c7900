import { Injectable } from '@nestjs/common';
import { NotFoundException } from '../../../core/errors/domain.exception';
import { productMessages } from '../../products/products.exception';
import { ProductStockResponse, StockPullResponse } from './dto/stock.dto';
import { StockPullResult, StockPullService } from './stock-pull.service';
import { StockRepository } from './stock.repository';

/** The stock routes: a product's last pulled level, and a pull on demand. */
@Injectable()
export class ProductStockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly pulls: StockPullService,
  ) {}

  /** Every role reads the product library, so every role reads its stock: no data scope. */
  async get(productId: string): Promise<ProductStockResponse> {
    const row = await this.stock.findByProduct(productId);
    if (!row) throw new NotFoundException(productMessages.product, productId);
    return {
      quantity: row.quantity === null ? null : Number(row.quantity),
      syncedAt: row.syncedAt?.toISOString() ?? null,
      source: row.source,
      erpKind: row.erpKind,
      ageSeconds: row.ageSeconds,
    };
  }

  async pull(): Promise<StockPullResponse> {
    return toPullResponse(await this.pulls.pullNow());
  }
}

function toPullResponse(result: StockPullResult): StockPullResponse {
  return { ...result, syncedAt: result.syncedAt.toISOString() };
}
