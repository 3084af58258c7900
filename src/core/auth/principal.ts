import { Role } from './roles';

/** Who is calling: a signed-in user, or an integrator's API key. */
export interface Principal {
  kind: 'user' | 'api_key';
  /** The user id, or the API key id. */
  id: string;
  /** The acting user; null for API keys, which act for no user. */
  userId: string | null;
  name: string;
  roles: Role[];
  orgUnitId: string | null;
  /** The session of a bearer token (see SessionsService); API keys have none. */
  sessionId?: string;
}

/** The key under which idempotency keys and audit events record the caller. */
export function callerKey(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
