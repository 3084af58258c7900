/**
 * The fixture registry: how the attack suite makes a real resource for every
 * route with a path parameter, and a valid body for every operation whose
 * schema alone cannot make one.
 *
 * Adding a module (two minutes):
 *
 * 1. Create `fixtures/<module>.ts` exporting a `ModuleFixtures`:
 *
 *    ```ts
 *    export const quotes: ModuleFixtures = {
 *      resources: [
 *        {
 *          kind: 'quote',
 *          paths: ['/api/v1/quotes/{id}', '/api/v1/quotes/{id}/submit'], // as in openapi.yaml
 *          create: async (world, owner) => ({ id: await makeQuoteFor(world, owner) }),
 *          scope: { kind: 'owner', insiders: ['li', 'zhou'], outsiders: ['zhao', 'liu', 'sun'] },
 *        },
 *      ],
 *      bodies: { quotesCreate: (world, caller) => ({ customerId: ..., lines: [...] }) },
 *    };
 *    ```
 *
 *    - `create` makes one resource owned by (or created by) `owner` through the
 *      API, and returns the path parameters that name it (`{ id }`, `{ token }`).
 *      `World` has the usual helpers: `createCustomer`, `recordFollowUp`,
 *      `uploadAttachment`, `post`, `person('li')`, `admin`.
 *    - `scope` says who may see it. `owner`: the suite creates it for wang
 *      (a rep under li, under zhou); each `outsiders` person allowed to call an
 *      operation must get 404, and the first `insiders` person allowed must
 *      not (on a GET: must succeed), which proves the resource is real and the
 *      404 comes from the data scope. Where the contract answers an outsider
 *      otherwise, say so in `outsiderAnswers`, citing API.md. `organisation`:
 *      any allowed caller reaches it, with a one-line `reason`; an unknown id
 *      must get 404.
 *    - A new route on an existing resource (`/api/v1/customers/{id}/quotes`)
 *      only adds its path to that resource's `paths`.
 *    - `bodies` (JSON) and `forms` (multipart) give a valid request for an
 *      operation, built for the caller. Without one the suite derives a body
 *      from the schema, which is fine unless a value must exist (an id) or
 *      follow a rule the schema cannot state (a phone number).
 *
 *    - `settle` undoes, after each test of an operation, what its fuzzing may
 *      have left that breaks other modules' valid bodies.
 *
 * 2. Add the module to MODULES below.
 *
 * A route with a path parameter and no resource fails the suite, naming the
 * operation, so a new route cannot be forgotten.
 */
import type { FormPart } from './arbitraries';
import type { JsonLike } from './json-text';
import type { Operation } from './spec-walker';
import type { Person, RoleCaller, World } from './world';
import { alertRules } from './fixtures/alert-rules';
import { auth } from './fixtures/auth';
import { attachments } from './fixtures/attachments';
import { customerImports } from './fixtures/customer-imports';
import { contracts } from './fixtures/contracts';
import { customFields } from './fixtures/custom-fields';
import { customers } from './fixtures/customers';
import { erpConnections } from './fixtures/erp-connections';
import { erpStock } from './fixtures/erp-stock';
import { erpSync } from './fixtures/erp-sync';
import { followUps } from './fixtures/follow-ups';
import { inquiries } from './fixtures/inquiries';
import { knowledgeBase } from './fixtures/knowledge-base';
import { notifications } from './fixtures/notifications';
import { playbooks } from './fixtures/playbooks';
import { productImports } from './fixtures/product-imports';
import { products } from './fixtures/products';
import { publicConfirmations } from './fixtures/public-confirmations';
import { quotes } from './fixtures/quotes';
import { rebates } from './fixtures/rebates';
import { settings } from './fixtures/settings';
import { tickets } from './fixtures/tickets';
import { todos } from './fixtures/todos';
import { triggerRules } from './fixtures/trigger-rules';
import { users } from './fixtures/users';

export type PathParams = Record<string, string>;

export interface OwnerScope {
  kind: 'owner';
  /** People who see wang's resource (wang included, where only the owner does). */
  insiders: Person[];
  /** People outside wang's data scope. */
  outsiders: Person[];
  /** Operations where the contract answers an outsider otherwise than 404, and where it says so. */
  outsiderAnswers?: Record<string, { status: number; code: string; why: string }>;
}

export interface OrganisationScope {
  kind: 'organisation';
  /** Why every caller the route admits may reach any of these resources. */
  reason: string;
  /** Path parameters that name no resource; random UUIDs unless given. */
  unknown?(): PathParams;
}

export interface ResourceFixture {
  kind: string;
  /** Path templates, exactly as openapi.yaml writes them. */
  paths: string[];
  create(world: World, owner: RoleCaller): Promise<PathParams>;
  scope: OwnerScope | OrganisationScope;
}

/** A valid request body for `caller` (anonymous on a public route). */
export type BodyMaker = (world: World, caller: RoleCaller) => Record<string, JsonLike>;
export type FormMaker = (world: World, caller: RoleCaller) => FormPart[];

export interface ModuleFixtures {
  resources?: ResourceFixture[];
  bodies?: Record<string, BodyMaker>;
  forms?: Record<string, FormMaker>;
  /** Runs once before any case: makes what a body maker needs and cannot make at once (single-use tokens). */
  prepare?(world: World): Promise<void>;
  /**
   * Runs after each test of every operation: undoes what fuzzing left that
   * would make another module's valid body invalid (a required custom field).
   */
  settle?(world: World, op: Operation): Promise<void>;
}

const MODULES: ModuleFixtures[] = [
  alertRules,
  attachments,
  auth,
  contracts,
  customerImports,
  customFields,
  customers,
  erpConnections,
  erpStock,
  erpSync,
  followUps,
  inquiries,
  knowledgeBase,
  notifications,
  playbooks,
  productImports,
  products,
  publicConfirmations,
  quotes,
  rebates,
  settings,
  tickets,
  todos,
  triggerRules,
  users,
];

export class Registry {
  private readonly resources = MODULES.flatMap((module) => module.resources ?? []);
  private readonly bodies: Record<string, BodyMaker> = Object.assign(
    {},
    ...MODULES.map((m) => m.bodies ?? {}),
  );
  private readonly forms: Record<string, FormMaker> = Object.assign(
    {},
    ...MODULES.map((m) => m.forms ?? {}),
  );

  async prepare(world: World): Promise<void> {
    for (const module of MODULES) await module.prepare?.(world);
  }

  async settle(world: World, op: Operation): Promise<void> {
    for (const module of MODULES) await module.settle?.(world, op);
  }

  fixtureFor(path: string): ResourceFixture | undefined {
    return this.resources.find((resource) => resource.paths.includes(path));
  }

  bodyFor(operationId: string): BodyMaker | undefined {
    return this.bodies[operationId];
  }

  formFor(operationId: string): FormMaker | undefined {
    return this.forms[operationId];
  }

  /** Registrations that name nothing in the spec, or a path twice: stale or mistyped entries. */
  mistakes(operations: Operation[]): string[] {
    const paths = new Set(operations.map((op) => op.path));
    const ids = new Set(operations.map((op) => op.id));
    const claimed = this.resources.flatMap((resource) => resource.paths);
    return [
      ...claimed
        .filter((path) => !paths.has(path))
        .map((path) => `a fixture names ${path}, which openapi.yaml lacks`),
      ...claimed
        .filter((path, index) => claimed.indexOf(path) !== index)
        .map((path) => `${path} has more than one fixture`),
      ...MODULES.flatMap((module) => [
        ...Object.keys(module.bodies ?? {}),
        ...Object.keys(module.forms ?? {}),
      ])
        .filter((id) => !ids.has(id))
        .map((id) => `a body is registered for ${id}, which openapi.yaml lacks`),
    ];
  }
}
