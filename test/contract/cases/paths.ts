import { HOSTILE_PATH_TEXTS, pathTextArb, percentEncode, sample } from '../arbitraries';
import { ANY } from '../attacker';
import { fillPath } from '../spec-walker';
import { Case, request, Target } from './case';

/**
 * Each path parameter given hostile values (fixed, then random). The spec
 * types ids as plain strings, so only the invariants apply: no 5xx, and every
 * refusal a problem document, whether it is a 400 or a 404.
 */
export function pathCases(target: Target, seed: number, runs: number): Case[] {
  return target.op.pathParams.flatMap(({ name }) => {
    const random = sample(pathTextArb, seed, runs).map((text, index) => ({
      label: `random #${index + 1}`,
      encoded: percentEncode(text),
    }));
    return [...HOSTILE_PATH_TEXTS, ...random].map(({ label, encoded }) => ({
      request: request(target, `${name} = ${label}`, {
        path: fillPath(target.op.path, { ...target.params, [name]: encoded }, false),
      }),
      expect: ANY,
    }));
  });
}
