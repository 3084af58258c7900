import { Principal } from '../../../core/auth/principal';
import { Role } from '../../../core/auth/roles';

/** Roles that own customers themselves and, left to themselves, keep what they create. */
const KEEPS_WHAT_IT_CREATES: readonly Role[] = ['supervisor', 'store_manager'];
/** Roles that may give a customer to someone else in their scope (create, import, transfer). */
export const ASSIGNING_ROLES: readonly Role[] = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'finance_bp',
  'supervisor',
  'store_manager',
  'integrator',
];
/** Roles that may claim from the pool or be handed customers. */
export const OWNING_ROLES: readonly Role[] = ['rep', 'supervisor', 'store_manager'];

const has = (principal: Principal, roles: readonly Role[]) =>
  principal.roles.some((role) => roles.includes(role));

export type OwnerDecision =
  { kind: 'owner'; userId: string | null } | { kind: 'check_scope'; userId: string };

/**
 * Who owns a customer that `principal` creates (or imports), given the owner it asked for:
 * - a rep always owns what it creates (asking for someone else is refused by the caller);
 * - supervisors and store managers own it unless they name someone in their scope;
 * - admins, directors, finance and integrators put it in the pool unless they name someone.
 */
export function decideOwner(
  principal: Principal,
  requestedOwnerId: string | undefined,
): OwnerDecision | 'rep_must_own' {
  const isAssigner = has(principal, ASSIGNING_ROLES);
  if (!isAssigner) {
    if (requestedOwnerId && requestedOwnerId !== principal.userId) return 'rep_must_own';
    return { kind: 'owner', userId: principal.userId };
  }
  if (requestedOwnerId) {
    return requestedOwnerId === principal.userId
      ? { kind: 'owner', userId: requestedOwnerId }
      : { kind: 'check_scope', userId: requestedOwnerId };
  }
  return { kind: 'owner', userId: has(principal, KEEPS_WHAT_IT_CREATES) ? principal.userId : null };
}
