import { Module } from '@nestjs/common';
import { ErpAdapterSource } from '../erp-adapter-source';
import { NoErpConnections } from './no-erp-connections';
import { ProductStockService } from './product-stock.service';
import { ErpStockController } from './stock.controller';
import { StockDemoSeeder } from './stock.demo-seeder';
import { StockPullService } from './stock-pull.service';
import { StockRepository } from './stock.repository';

/** Stock levels pulled from the active ERP connection (issue 14 §5). */
@Module({
  controllers: [ErpStockController],
  providers: [
    ProductStockService,
    StockPullService,
    StockRepository,
    StockDemoSeeder,
    { provide: ErpAdapterSource, useClass: NoErpConnections },
  ],
})
export class ErpStockModule {}
