import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersExportService } from './customers-export.service';
import { CustomersDemoSeeder } from './customers.demo-seeder';
import { CustomerFollowers } from './customer-followers';
import { CustomersService } from './customers.service';

/** The customer pool: one customer per phone, one owner per customer. */
@Module({
  imports: [CustomFieldsModule],
  controllers: [CustomersController],
  providers: [
    CustomersService,
    CustomersRepository,
    CustomersExportService,
    CustomersDemoSeeder,
    CustomerFollowers,
  ],
  exports: [CustomersService, CustomerFollowers],
})
export class CustomersModule {}
