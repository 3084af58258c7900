import { Module } from '@nestjs/common';
import { ProductImportsModule } from './import/product-imports.module';
import { ProductsController } from './products.controller';
import { ProductsDemoSeeder } from './products.demo-seeder';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';

/** The product library: list prices, costs and the floor prices that quotes may not cross. */
@Module({
  imports: [ProductImportsModule],
  controllers: [ProductsController],
  providers: [ProductsService, ProductsRepository, ProductsDemoSeeder],
  exports: [ProductsService],
})
export class ProductsModule {}
