import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/core/auth/roles';
import { pdfFile } from '../support/attachments';
import { API } from '../support/test-app';
import { FormPart, sample, validArb } from './arbitraries';
import { Attacker } from './attacker';
import type { Case, Target } from './cases/case';
import { admits } from './cases/access';
import type { JsonLike } from './json-text';
import type { PathParams, Registry } from './registry';
import type { Operation } from './spec-walker';
import { ANONYMOUS, RoleCaller, World } from './world';

export interface FuzzSettings {
  /** fast-check's seed; FUZZ_SEED reproduces a run. */
  seed: number;
  /** fast-check runs per operation and kind of input; FUZZ_RUNS scales the suite up. */
  runs: number;
}

/** Reads FUZZ_SEED and FUZZ_RUNS; the defaults keep CI's run at a few thousand cases. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const number = (name: string, fallback: number) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`${name} must be a whole number, got ${env[name]}`);
    return value;
  };
  return { seed: number('FUZZ_SEED', 42), runs: number('FUZZ_RUNS', 20) };
}

/** Whom a case acts as by default: the least privileged role the route admits, wang first. */
const ACTOR_PREFERENCE: Role[] = ['rep', 'supervisor', 'integrator', 'admin'];

/** The suite's state: the world, the attacker that counts cases, and the registry. */
export class Campaign {
  private readonly targets = new Map<string, Promise<Target>>();

  private constructor(
    readonly world: World,
    readonly attacker: Attacker,
    readonly registry: Registry,
    readonly settings: FuzzSettings,
  ) {}

  static async start(registry: Registry, settings: FuzzSettings): Promise<Campaign> {
    const world = await World.create();
    await registry.prepare(world);
    return new Campaign(world, new Attacker(world.app), registry, settings);
  }

  /** A seed per operation and purpose, so that adding an operation changes no other's cases. */
  seedFor(op: Operation, purpose: string): number {
    let hash = this.settings.seed >>> 0;
    for (const char of `${op.id}/${purpose}`)
      hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
    return hash;
  }

  actorFor(op: Operation): RoleCaller {
    if (op.roles === null) return ANONYMOUS;
    const admitted = this.world.callers.filter((caller) => admits(op, caller.roles));
    const preferred = ACTOR_PREFERENCE.find((role) => op.roles!.includes(role));
    return admitted.find((caller) => preferred && caller.roles.includes(preferred)) ?? admitted[0];
  }

  /** The operation aimed at a resource of its fixture, with a valid request; made once per operation. */
  target(op: Operation): Promise<Target> {
    if (!this.targets.has(op.id)) {
      this.targets.set(
        op.id,
        this.fixtureParams(op).then((params) => this.targetAs(op, this.actorFor(op), params)),
      );
    }
    return this.targets.get(op.id)!;
  }

  /** A valid request of `op` for `caller`, on the resource `params` names; each read of its body makes a new one. */
  targetAs = (op: Operation, caller: RoleCaller, params: PathParams): Target => {
    const body = () =>
      op.body?.mediaType === 'application/json' ? this.validBody(op, caller) : undefined;
    const form = () =>
      op.body?.mediaType === 'multipart/form-data' ? this.validForm(op, caller) : undefined;
    return {
      op,
      actor: caller,
      params,
      get body() {
        return body();
      },
      get form() {
        return form();
      },
    };
  };

  /**
   * Sends the cases, `concurrency` at a time (the app overlaps PostgreSQL and
   * hashing with its own work); returns every violation, in the cases' order.
   */
  async run(op: Operation, cases: Case[], concurrency = 1): Promise<string[]> {
    const violations: string[][] = [];
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < cases.length; index = next++) {
        violations[index] = await this.attacker.attack(
          op,
          cases[index].request,
          cases[index].expect,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
    return violations.flat();
  }

  /** Why the app is unwell, or undefined: readiness and a plain authenticated read. */
  async unwell(): Promise<string | undefined> {
    const ready = await this.world.app.api().get(`${API}/health/ready`);
    if (ready.status !== 200) return `GET /health/ready answered ${ready.status}: ${ready.text}`;
    const me = await this.world.app.get('/users/me', this.world.people.wang.auth);
    return me.status === 200
      ? undefined
      : `GET /users/me as wang answered ${me.status}: ${me.text}`;
  }

  private async fixtureParams(op: Operation): Promise<PathParams> {
    const fixture = this.registry.fixtureFor(op.path);
    if (fixture) return fixture.create(this.world, this.world.person('wang'));
    // No fixture: the suite fails on it elsewhere; random ids keep the other checks going.
    return Object.fromEntries(op.pathParams.map((param) => [param.name, randomUUID()]));
  }

  private validBody(op: Operation, caller: RoleCaller): Record<string, JsonLike> {
    const registered = this.registry.bodyFor(op.id);
    if (registered) return registered(this.world, caller);
    const [derived] = sample(validArb(op.body!.schema), this.seedFor(op, 'valid body'), 1);
    return derived as Record<string, JsonLike>;
  }

  private validForm(op: Operation, caller: RoleCaller): FormPart[] {
    const registered = this.registry.formFor(op.id);
    if (registered) return registered(this.world, caller);
    const { properties = {}, required = [] } = op.body!.schema;
    return required.map((name) =>
      properties[name]?.format === 'binary'
        ? { name, file: { content: pdfFile(), fileName: `${name}.pdf` } }
        : { name, value: 'x' },
    );
  }
}
