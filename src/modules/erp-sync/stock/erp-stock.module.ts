import { Module } from '@nestjs/common';
import { ErpConnectionsModule } from '../connections/erp-connections.module';
import { ProductStockService } from './product-stock.service';
import { ErpStockController } from './stock.controller';
import { StockDemoSeeder } from './stock.demo-seeder';
import { StockPullService } from './stock-pull.service';
import { StockRepository } from './stock.repository';

/** Stock levels pulled from the active ERP connection (issue 14 §5). */
@Module({
  imports: [ErpConnectionsModule],
  controllers: [ErpStockController],
  providers: [ProductStockService, StockPullService, StockRepository, StockDemoSeeder],
})
export class ErpStockModule {}
