import { Global, Module } from '@nestjs/common';
import { PrincipalDirectory } from '../../core/auth/principal-directory';
import { BootstrapAdmin } from './bootstrap-admin';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsService } from './org-units.service';
import { OrgDemoSeeder } from './org.demo-seeder';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Org units, users and their supervisor links; provides the user directory that auth reads. */
@Global()
@Module({
  controllers: [OrgUnitsController, UsersController],
  providers: [
    UsersService,
    OrgUnitsService,
    BootstrapAdmin,
    OrgDemoSeeder,
    { provide: PrincipalDirectory, useExisting: UsersService },
  ],
  exports: [UsersService, OrgUnitsService, PrincipalDirectory],
})
export class OrgModule {}
