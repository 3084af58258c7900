import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { TodosModule } from '../todos/todos.module';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertRulesService } from './alert-rules.service';
import { AlertRulesController } from './alerts.controller';
import { AlertsDemoSeeder } from './alerts.demo-seeder';

/** Alert rules (API.md §8): weekly metrics per store or team against thresholds, as todos and notifications. */
@Module({
  imports: [MetricsModule, NotificationsModule, PlaybooksModule, TodosModule],
  controllers: [AlertRulesController],
  providers: [AlertRulesService, AlertRulesRepository, AlertEvaluationService, AlertsDemoSeeder],
})
export class AlertsModule {}
