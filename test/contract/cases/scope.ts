import { randomUUID } from 'node:crypto';
import { SEES_ALL } from '../../../src/core/auth/data-scope/data-scope';
import type { Expectation } from '../attacker';
import type { OrganisationScope, OwnerScope, PathParams, ResourceFixture } from '../registry';
import type { Operation } from '../spec-walker';
import type { RoleCaller, World } from '../world';
import { admits } from './access';
import { Case, request, Target } from './case';

/** A valid request's target, for `caller`, on the resource `params` names. */
type TargetMaker = (op: Operation, caller: RoleCaller, params: PathParams) => Target;

/**
 * BOLA: wang's resource, asked for by people outside wang's data scope, is
 * 404 (or the contract's own answer); asked for by someone who sees it, it
 * is there. An organisation-wide resource is there for any allowed caller,
 * and an unknown id is 404. Problems of the registration come back as
 * strings; otherwise the cases to run, outsiders first.
 */
export async function scopeCases(
  world: World,
  op: Operation,
  fixture: ResourceFixture,
  target: TargetMaker,
  actor: RoleCaller,
): Promise<Case[] | string> {
  return fixture.scope.kind === 'owner'
    ? ownerCases(world, op, fixture, fixture.scope, target, actor)
    : organisationCases(world, op, fixture, fixture.scope, target, actor);
}

async function ownerCases(
  world: World,
  op: Operation,
  fixture: ResourceFixture,
  scope: OwnerScope,
  target: TargetMaker,
  actor: RoleCaller,
): Promise<Case[] | string> {
  if (op.roles?.every((role) => SEES_ALL.includes(role))) {
    // Only roles that see every resource may call it (an admin's edit): no caller is outside.
    const reason = `only roles that see every ${fixture.kind} may call it (${op.roles.join(', ')})`;
    return organisationCases(world, op, fixture, { kind: 'organisation', reason }, target, actor);
  }
  const allowed = (names: OwnerScope['insiders']) =>
    names.map((name) => world.person(name)).filter((caller) => admits(op, caller.roles));
  const outsiders = allowed(scope.outsiders);
  const insider = allowed(scope.insiders)[0];
  if (!outsiders.length || !insider) {
    return `the ${fixture.kind} fixture names no ${outsiders.length ? 'insider' : 'outsider'} whom x-roles admits (${op.roles?.join(', ')})`;
  }
  const params = await fixture.create(world, world.person('wang'));
  const contractAnswer = scope.outsiderAnswers?.[op.id];
  const outsiderExpectation: Expectation = contractAnswer
    ? { kind: 'status', status: contractAnswer.status, code: contractAnswer.code }
    : { kind: 'status', status: 404 };
  return [
    ...outsiders.map((outsider) => ({
      request: request(
        target(op, outsider, params),
        `wang's ${fixture.kind}, asked for by ${outsider.name}, outside wang's scope`,
      ),
      expect: outsiderExpectation,
    })),
    {
      request: request(
        target(op, insider, params),
        `wang's ${fixture.kind}, asked for by ${insider.name}, who sees it`,
      ),
      expect: seenBy(
        op,
        `${insider.name} sees wang's ${fixture.kind}, so it exists and the 404s above come from the scope`,
      ),
    },
  ];
}

async function organisationCases(
  world: World,
  op: Operation,
  fixture: ResourceFixture,
  scope: OrganisationScope,
  target: TargetMaker,
  actor: RoleCaller,
): Promise<Case[]> {
  const params = await fixture.create(world, world.person('wang'));
  const unknown =
    scope.unknown?.() ??
    Object.fromEntries(op.pathParams.map((param) => [param.name, randomUUID()]));
  return [
    {
      request: request(
        target(op, actor, unknown),
        `an unknown ${fixture.kind} (organisation-wide: ${scope.reason})`,
      ),
      expect: { kind: 'status', status: 404 },
    },
    {
      request: request(target(op, actor, params), `a real ${fixture.kind}`),
      expect: seenBy(
        op,
        `the ${fixture.kind} exists, so the 404 above is for the unknown id alone`,
      ),
    },
  ];
}

/** A read must succeed; any other operation may refuse for its own reasons, but not with 404. */
function seenBy(op: Operation, why: string): Expectation {
  return op.method === 'get' ? { kind: 'success' } : { kind: 'not', status: 404, why };
}
