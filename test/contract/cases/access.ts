import type { Role } from '../../../src/core/auth/roles';
import type { Operation } from '../spec-walker';
import { ANONYMOUS, World } from '../world';
import { Case, request, Target } from './case';

export const admits = (op: Operation, roles: Role[]): boolean =>
  op.roles === null || roles.some((role) => op.roles!.includes(role));

/**
 * A plausible request with each credential that must not work: 401 on a
 * secured route. A public route must not ask for credentials at all.
 */
export function credentialCases(target: Target, world: World): Case[] {
  if (target.op.roles === null) {
    return [
      {
        request: request(target, 'no credentials on a public route', { as: ANONYMOUS }),
        expect: { kind: 'not', status: 401, why: 'the route is public' },
      },
    ];
  }
  return world.badCredentials.map((caller) => ({
    request: request(target, caller.name, { as: caller }),
    expect: { kind: 'status', status: 401 },
  }));
}

/** Every role that x-roles leaves out: 403, before the route looks at anything else. */
export function roleCases(target: Target, world: World): Case[] {
  return world.callers
    .filter((caller) => target.op.roles !== null && !admits(target.op, caller.roles))
    .map((caller) => ({
      request: request(target, `${caller.name}, a role x-roles leaves out`, { as: caller }),
      expect: { kind: 'status', status: 403 },
    }));
}
