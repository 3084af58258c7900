import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../core/config/app-config';
import { withSessionLock } from '../../core/database/advisory-lock';
import { TransactionHost } from '../../core/database/transaction-host';
import { UsersService } from './users.service';

/**
 * On an empty database, creates the first admin from ADMIN_USERNAME and
 * ADMIN_PASSWORD, or with a generated password printed once. Replicas that
 * boot together take a lock, so exactly one admin is made.
 */
@Injectable()
export class BootstrapAdmin implements OnModuleInit {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await withSessionLock(this.tx.dataSource, 'bootstrap-admin', async () => {
      if ((await this.users.countUsers()) > 0) return;
      const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
      await this.users.insert({
        username: this.config.adminUsername,
        password,
        displayName: '系统管理员',
        roles: ['admin'],
        orgUnitId: null,
        supervisorId: null,
      });
      if (this.config.adminPassword) {
        this.logger.log(
          `Created the admin user "${this.config.adminUsername}" from ADMIN_PASSWORD`,
        );
      } else {
        // Printed once, on purpose: it is the only way to learn a generated password.
        this.logger.warn(
          `Created the admin user "${this.config.adminUsername}" with generated password: ${password} ` +
            '(shown only now; set ADMIN_PASSWORD to choose one)',
        );
      }
    });
  }
}
