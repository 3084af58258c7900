import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { PlaybooksController } from './playbooks.controller';
import { PlaybooksDemoSeeder } from './playbooks.demo-seeder';
import { PlaybooksRepository } from './playbooks.repository';
import { PlaybooksService } from './playbooks.service';

/** Sales playbooks: script packs, competitor comparisons and FAQs that trigger rules push to reps. */
@Module({
  imports: [AttachmentsModule],
  controllers: [PlaybooksController],
  providers: [PlaybooksService, PlaybooksRepository, PlaybooksDemoSeeder],
  exports: [PlaybooksService],
})
export class PlaybooksModule {}
