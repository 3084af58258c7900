import { Injectable } from '@nestjs/common';
import { Principal } from '../../core/auth/principal';

/**
 * What follows a customer to a new owner, kept by a module that hangs its
 * objects on customers (open quotes, for one). The customers module cannot
 * know those modules, so they register here and are called in the
 * transaction that changes the owner, before it writes to the audit trail:
 * a follower locks its rows (a quote) before the audit chain's lock, in the
 * order every other writer of those rows takes them, so none deadlocks.
 */
export interface CustomerFollower {
  /**
   * Moves what follows `customerIds` to `toUserId`, or, with null, settles it
   * for customers released to the pool. Returns how many objects it changed.
   */
  follow(principal: Principal, customerIds: string[], toUserId: string | null): Promise<number>;
}

/** The registry of followers, by the name under which a handover counts what each moved. */
@Injectable()
export class CustomerFollowers {
  private readonly followers = new Map<string, CustomerFollower>();

  register(name: string, follower: CustomerFollower): void {
    this.followers.set(name, follower);
  }

  /** Runs every follower in the caller's transaction; returns how many each moved, by name. */
  async follow(
    principal: Principal,
    customerIds: string[],
    toUserId: string | null,
  ): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const [name, follower] of this.followers) {
      moved[name] = await follower.follow(principal, customerIds, toUserId);
    }
    return moved;
  }
}
