import { Module } from '@nestjs/common';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { TodosModule } from '../todos/todos.module';
import { SignalsController } from './signals.controller';
import { SignalsDemoSeeder } from './signals.demo-seeder';
import { SignalsRepository } from './signals.repository';
import { SignalsService } from './signals.service';
import { TriggerEvaluationService } from './trigger-evaluation.service';
import { TriggerRulesController } from './trigger-rules.controller';
import { TriggerRulesRepository } from './trigger-rules.repository';
import { TriggerRulesService } from './trigger-rules.service';

/**
 * Node 1 of the follow-up loop: integrators' signals about customers, and
 * trigger rules that push a playbook to the owner when a signal grows.
 */
@Module({
  imports: [PlaybooksModule, TodosModule],
  controllers: [SignalsController, TriggerRulesController],
  providers: [
    SignalsService,
    SignalsRepository,
    TriggerRulesService,
    TriggerEvaluationService,
    TriggerRulesRepository,
    SignalsDemoSeeder,
  ],
})
export class SignalsModule {}
