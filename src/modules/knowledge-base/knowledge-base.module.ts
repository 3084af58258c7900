import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { AutoFaqService } from './auto-faq.service';
import { FaqDrafter } from './faq-drafter';
import { KbArticlesController } from './kb-articles.controller';
import { KbArticlesRepository } from './kb-articles.repository';
import { KbArticlesService } from './kb-articles.service';
import { KbPushesRepository } from './kb-pushes.repository';
import { KbPushJobController, KbPushesController } from './kb-pushes.controller';
import { KbPushesService } from './kb-pushes.service';
import { KnowledgeBaseDemoSeeder } from './knowledge-base.demo-seeder';

/**
 * Knowledge base (API.md §9): articles with search and read receipts, and
 * scheduled pushes of them to roles, with read figures per run.
 */
@Module({
  imports: [NotificationsModule],
  controllers: [KbArticlesController, KbPushesController, KbPushJobController],
  providers: [
    KbArticlesService,
    KbArticlesRepository,
    KbPushesService,
    KbPushesRepository,
    { provide: FaqDrafter, useClass: AutoFaqService },
    KnowledgeBaseDemoSeeder,
  ],
})
export class KnowledgeBaseModule {}
