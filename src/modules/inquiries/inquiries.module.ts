import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { InquiriesController } from './inquiries.controller';
import { InquiriesDemoSeeder } from './inquiries.demo-seeder';
import { InquiriesRepository } from './inquiries.repository';
import { InquiriesService } from './inquiries.service';

/** Customers' inbound inquiries (API.md §8), which the first-response metric measures. */
@Module({
  imports: [CustomersModule],
  controllers: [InquiriesController],
  providers: [InquiriesService, InquiriesRepository, InquiriesDemoSeeder],
})
export class InquiriesModule {}
