import type { FormPart } from '../arbitraries';
import type { AttackRequest, Expectation, RequestBody } from '../attacker';
import type { JsonLike } from '../json-text';
import type { PathParams } from '../registry';
import { fillPath, Operation } from '../spec-walker';
import type { RoleCaller } from '../world';

/** An operation aimed at a real resource, with a request that would succeed. */
export interface Target {
  op: Operation;
  /** A caller the route admits (anonymous on a public route). */
  actor: RoleCaller;
  /** Names a resource the actor may act on. */
  params: PathParams;
  /**
   * A valid JSON body, for a JSON operation. Each read makes a new one (a
   * fresh phone, username…), so that cases do not collide on unique values
   * and each gets as far into the route as its input allows.
   */
  readonly body?: Record<string, JsonLike>;
  /** A valid form, for a multipart operation; new on each read, like `body`. */
  readonly form?: FormPart[];
}

export interface Case {
  request: AttackRequest;
  expect: Expectation;
}

/** The target's valid body, in the shape the request takes. */
export function validBody(target: Target): RequestBody | undefined {
  if (target.body) return { kind: 'json', value: target.body };
  if (target.form) return { kind: 'form', parts: target.form };
  return undefined;
}

/** The target's request with `changes`: a case starts from a request that would succeed. */
export function request(
  target: Target,
  label: string,
  changes: Partial<AttackRequest> = {},
): AttackRequest {
  return {
    label,
    method: target.op.method,
    path: fillPath(target.op.path, target.params),
    as: target.actor,
    body: validBody(target),
    ...changes,
  };
}

/** 400, with `errors[].field` naming `field`. */
export const invalid = (field: string): Expectation => ({ kind: 'status', status: 400, field });
