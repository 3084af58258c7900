import { Global, Module } from '@nestjs/common';
import { PrincipalDirectory } from '../../core/auth/principal-directory';
import { CustomersModule } from '../customers/customers.module';
import { TodosModule } from '../todos/todos.module';
import { BootstrapAdmin } from './bootstrap-admin';
import { HandoverService } from './handover.service';
import { OrgChart } from './org-chart';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsService } from './org-units.service';
import { OrgDemoSeeder } from './org.demo-seeder';
import { UserPasswordsService } from './user-passwords.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Org units, users and their supervisor links; provides the user directory
 * that auth reads. Handover moves a user's book through the modules that own
 * it (customers, todos), hence their imports.
 */
@Global()
@Module({
  imports: [CustomersModule, TodosModule],
  controllers: [OrgUnitsController, UsersController],
  providers: [
    UsersService,
    UserPasswordsService,
    HandoverService,
    OrgUnitsService,
    OrgChart,
    BootstrapAdmin,
    OrgDemoSeeder,
    { provide: PrincipalDirectory, useExisting: UsersService },
  ],
  exports: [UsersService, OrgUnitsService, PrincipalDirectory],
})
export class OrgModule {}
