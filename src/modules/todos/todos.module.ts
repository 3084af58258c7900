import { Module } from '@nestjs/common';
import { TodosController } from './todos.controller';
import { TodosRepository } from './todos.repository';
import { TodosService } from './todos.service';

/** Work handed to one user by the system's rules: triggers, silent spells, later approvals and alerts. */
@Module({
  controllers: [TodosController],
  providers: [TodosService, TodosRepository],
  exports: [TodosService],
})
export class TodosModule {}
