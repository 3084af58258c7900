import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { CustomersService } from '../customers/customers.service';
import { TodosService } from '../todos/todos.service';
import { HandoverResponse } from './dto/user.dto';
import { HandoverToSelfException } from './org.exception';
import { UsersService } from './users.service';

/**
 * Handover (离职交接): when someone leaves or changes jobs, their book goes to
 * someone else, or their customers sit unowned and their silent-period
 * alerts go to nobody. The org module owns the act; each module moves its
 * own objects through its service, all in one transaction.
 */
@Injectable()
export class HandoverService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersService,
    private readonly customers: CustomersService,
    private readonly todos: TodosService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Moves the user's customers with what follows them (open quotes, tickets
   * not yet closed, see CustomerFollowers), then the user's open todos on them. A second call
   * finds nothing left to move.
   */
  async handOver(
    principal: Principal,
    userId: string,
    toUserId: string,
  ): Promise<HandoverResponse> {
    return this.tx.withTransaction(async () => {
      // The user must lie in the caller's scope (404 otherwise, as for a read).
      await this.users.get(principal, userId);
      if (toUserId === userId) throw new HandoverToSelfException();
      const { customerIds, followers } = await this.customers.handOver(principal, userId, toUserId);
      const todos = await this.todos.reassignOpen(userId, toUserId, customerIds);
      const moved = {
        customers: customerIds.length,
        todos,
        quotes: followers.quotes ?? 0,
        tickets: followers.tickets ?? 0,
      };
      await this.audit.append({
        actor: principal,
        entity: 'user',
        entityId: userId,
        action: 'handed_over',
        data: { toUserId, ...moved },
      });
      return moved;
    });
  }
}
