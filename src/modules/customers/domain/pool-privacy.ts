import { Principal } from '../../../core/auth/principal';

/**
 * Pool privacy, stated once: a caller whose only role is rep sees a pool
 * customer's phone masked until it claims the customer; owners, their
 * superiors and the director roles see every phone in their scope in full.
 * The rule comes in the two forms the code needs, side by side: for a row in
 * hand (responses, exports) and as SQL (search), so the two cannot drift apart.
 */
function seesPoolPhonesMasked(principal: Principal): boolean {
  return principal.roles.every((role) => role === 'rep');
}

/** Whether `principal` sees masked the phone of a customer owned by `ownerId` (null: the pool). */
export function phoneMaskedFor(principal: Principal, ownerId: string | null): boolean {
  return ownerId === null && seesPoolPhonesMasked(principal);
}

/** The same rule over an owner column: true for the customers whose phone `principal` sees in full. */
export function phoneSeenInFullSql(principal: Principal, ownerColumn: string): string {
  return seesPoolPhonesMasked(principal) ? `${ownerColumn} IS NOT NULL` : 'TRUE';
}
