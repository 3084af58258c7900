import { Module } from '@nestjs/common';
import { CustomFieldsController } from './custom-fields.controller';
import { CustomFieldsDemoSeeder } from './custom-fields.demo-seeder';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CustomFieldsService } from './custom-fields.service';

/**
 * Custom fields (API.md §9): admin-defined fields of customers, follow-ups
 * and quotes. It owns the definitions; the modules that write those records
 * validate their `customFields` through CustomFieldsService.
 */
@Module({
  controllers: [CustomFieldsController],
  providers: [CustomFieldsService, CustomFieldsRepository, CustomFieldsDemoSeeder],
  exports: [CustomFieldsService],
})
export class CustomFieldsModule {}
