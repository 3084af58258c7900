import { Principal } from './principal';

export interface LoginCandidate {
  principal: Principal;
  displayName: string;
  passwordHash: string;
}

/**
 * The port through which authentication reads users. The org module owns the
 * users table and provides the implementation, so core never imports a module.
 */
export abstract class PrincipalDirectory {
  abstract findActiveUser(userId: string): Promise<Principal | null>;
  abstract findLoginCandidate(username: string): Promise<LoginCandidate | null>;
}
