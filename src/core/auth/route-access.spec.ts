import 'reflect-metadata';
import {
  Controller,
  DynamicModule,
  ForwardReference,
  Get,
  Module,
  Post,
  RequestMethod,
  Type,
} from '@nestjs/common';
import {
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  MODULE_METADATA,
  PATH_METADATA,
} from '@nestjs/common/constants';
import { AppModule } from '../../app.module';
import { AppConfig } from '../config/app-config';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { Public, PUBLIC_KEY, Roles, ROLES_KEY } from './access.decorators';
import { ROLES } from './roles';

/*
 * Deny by default (ARCHITECTURE.md rule 5): every route must say who may call it,
 * with @Public() or a non-empty @Roles(...). The global AccessGuard refuses a
 * route with neither, so a forgotten decorator is a route nobody can use; this
 * test catches it before it ships. Nothing is started: the module graph is read
 * from decorator metadata only.
 */

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

const config = {
  port: 0,
  dataDir: '/nonexistent/route-access-spec',
  databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
  jwtSecret: 'route-access-spec-secret-0123456789abcdef',
  jwtExpiresInSeconds: 3600,
  adminUsername: 'admin',
  demoData: false,
  logLevel: 'silent',
  loginMaxFailures: 10,
  loginWindowSeconds: 900,
  bodyLimitBytes: 1024 * 1024,
  // On, so that every optional import is part of the graph that is checked.
  schedulerEnabled: true,
} as AppConfig;

function isDynamicModule(ref: unknown): ref is DynamicModule {
  return typeof ref === 'object' && ref !== null && 'module' in ref;
}

function isForwardReference(ref: unknown): ref is ForwardReference {
  return typeof ref === 'object' && ref !== null && 'forwardRef' in ref;
}

function isPromise(ref: unknown): ref is Promise<unknown> {
  return typeof (ref as Promise<unknown> | null)?.then === 'function';
}

interface Graph {
  modules: Set<Type<unknown>>;
  controllers: Set<Type<unknown>>;
}

/**
 * Collects every module and controller reachable from `root`: static `imports`
 * metadata, dynamic modules (`{ module, imports, controllers }`), forwardRef()s,
 * and async dynamic modules, whose promise is awaited (they are already running).
 */
async function walk(root: ModuleRef): Promise<Graph> {
  const graph: Graph = { modules: new Set(), controllers: new Set() };
  const seenDynamic = new Set<DynamicModule>();
  const visit = async (ref: ModuleRef | undefined): Promise<void> => {
    if (ref === undefined || ref === null) return;
    if (isPromise(ref)) return visit(await ref);
    if (isForwardReference(ref)) return visit(ref.forwardRef() as ModuleRef);
    if (isDynamicModule(ref)) {
      if (seenDynamic.has(ref)) return;
      seenDynamic.add(ref);
      for (const controller of ref.controllers ?? []) graph.controllers.add(controller);
      for (const imported of ref.imports ?? []) await visit(imported as ModuleRef);
      return visit(ref.module);
    }
    if (graph.modules.has(ref)) return;
    graph.modules.add(ref);
    const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ref) ??
      []) as Type<unknown>[];
    for (const controller of controllers) graph.controllers.add(controller);
    const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, ref) ?? []) as ModuleRef[];
    for (const imported of imports) await visit(imported);
  };
  await visit(root);
  return graph;
}

interface Route {
  name: string;
  method: RequestMethod;
  path: unknown;
  isPublic: boolean;
  roles: unknown;
  interceptors: unknown[];
}

/** Every request handler of a controller, inherited ones included. */
function routesOf(controller: Type<unknown>): Route[] {
  const routes: Route[] = [];
  const seen = new Set<string>();
  for (
    let proto = controller.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || seen.has(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      const handler: unknown = descriptor?.value;
      if (typeof handler !== 'function') continue;
      const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
      if (path === undefined || method === undefined) continue;
      seen.add(key);
      const handlerPublic: unknown = Reflect.getMetadata(PUBLIC_KEY, handler);
      const classPublic: unknown = Reflect.getMetadata(PUBLIC_KEY, controller);
      const handlerRoles: unknown = Reflect.getMetadata(ROLES_KEY, handler);
      const classRoles: unknown = Reflect.getMetadata(ROLES_KEY, controller);
      routes.push({
        name: `${controller.name}.${key}`,
        method: method as RequestMethod,
        path,
        isPublic: handlerPublic === true || (handlerPublic === undefined && classPublic === true),
        // The guard uses getAllAndOverride: the handler's rule wins over the class's.
        roles: handlerRoles ?? classRoles,
        interceptors: (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[],
      });
    }
  }
  return routes;
}

function isGuarded(route: Route): boolean {
  return route.isPublic || (Array.isArray(route.roles) && route.roles.length > 0);
}

describe('route access: every route is @Public() or has @Roles(...)', () => {
  let controllers: Type<unknown>[];
  let routes: Route[];

  beforeAll(async () => {
    const graph = await walk(AppModule.forRoot(config));
    controllers = [...graph.controllers];
    routes = controllers.flatMap(routesOf);
  });

  it('walks the real module graph (guards against a vacuous pass)', () => {
    const names = controllers.map((controller) => controller.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'AuthController',
        'ApiKeysController',
        'UsersController',
        'OrgUnitsController',
        'SettingsController',
        'AuditController',
        'HealthController',
      ]),
    );
    expect(controllers.length).toBeGreaterThanOrEqual(7);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    // Every controller found has at least one route, so the route scan works too.
    expect(controllers.filter((c) => routesOf(c).length === 0).map((c) => c.name)).toEqual([]);
  });

  it('finds the routes it should, e.g. POST /auth/login and GET /users/me', () => {
    const names = routes.map((route) => route.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'AuthController.login',
        'UsersController.me',
        'SettingsController.update',
        'AuditController.verify',
      ]),
    );
  });

  it('has no unguarded route', () => {
    const offending = routes.filter((route) => !isGuarded(route)).map((route) => route.name);
    if (offending.length) {
      throw new Error(
        `Routes with neither @Public() nor a non-empty @Roles(...): ${offending.join(', ')}`,
      );
    }
    expect(offending).toEqual([]);
  });

  it('only ever names real roles', () => {
    const unknown = routes.flatMap((route) =>
      (Array.isArray(route.roles) ? (route.roles as unknown[]) : [])
        .filter((role) => !(ROLES as readonly unknown[]).includes(role))
        .map((role) => `${route.name}: ${String(role)}`),
    );
    expect(unknown).toEqual([]);
  });

  // An allow-list: a new public route must be added here on purpose, after review.
  // Refresh and logout take a refresh token in the body: the access token may have expired.
  it("keeps the public surface small: sign-in and sessions, health and the customer's confirmation link", () => {
    const publicRoutes = routes.filter((route) => route.isPublic).map((route) => route.name);
    expect(publicRoutes.sort()).toEqual(
      [
        'AuthController.login',
        'AuthController.refresh',
        'AuthController.logout',
        'HealthController.live',
        'HealthController.ready',
        'PublicConfirmationsController.page',
        'PublicConfirmationsController.confirm',
      ].sort(),
    );
  });

  it('gives every POST route the Idempotency-Key contract (core/idempotency/post.decorator)', () => {
    const posts = routes.filter((route) => route.method === RequestMethod.POST);
    expect(posts.length).toBeGreaterThan(10);
    const without = posts
      .filter((route) => !route.interceptors.includes(IdempotencyInterceptor))
      .map((route) => route.name);
    expect(without).toEqual([]);
  });

  it('restricts admin operations to admin', () => {
    const rolesOf = (name: string) => routes.find((route) => route.name === name)?.roles;
    expect(rolesOf('SettingsController.update')).toEqual(['admin']);
    expect(rolesOf('UsersController.create')).toEqual(['admin']);
    expect(rolesOf('ApiKeysController.create')).toEqual(['admin']);
    expect(rolesOf('SilentPeriodController.run')).toEqual(['admin']);
  });

  describe('the checker itself', () => {
    // Fixtures built the way real controllers are, to prove the check can fail.
    @Controller('fixtures')
    class FixtureController {
      @Get('open')
      @Public()
      open() {}

      @Get('guarded')
      @Roles('rep')
      guarded() {}

      @Post('forgotten')
      forgotten() {}

      @Get('empty-roles')
      @Roles()
      emptyRoles() {}

      helper() {}
    }

    @Roles('admin')
    @Controller('class-guarded')
    class ClassGuardedController {
      @Get()
      list() {}
    }

    @Module({ controllers: [ClassGuardedController] })
    class InnerModule {}

    @Module({ imports: [{ forwardRef: () => InnerModule }] })
    class OuterModule {}

    it('flags a route without decorators and one with empty @Roles(), and names them', () => {
      const offending = routesOf(FixtureController)
        .filter((route) => !isGuarded(route))
        .map((route) => route.name);
      expect(offending.sort()).toEqual([
        'FixtureController.emptyRoles',
        'FixtureController.forgotten',
      ]);
    });

    it('ignores plain methods that are not routes', () => {
      expect(routesOf(FixtureController).map((route) => route.name)).not.toContain(
        'FixtureController.helper',
      );
    });

    @Module({ imports: [Promise.resolve({ module: OuterModule })] })
    class AsyncRootModule {}

    it('accepts a class-level @Roles and follows forwardRef, dynamic and async imports', async () => {
      const found = await walk({ module: AsyncRootModule, controllers: [FixtureController] });
      expect([...found.controllers]).toEqual(
        expect.arrayContaining([FixtureController, ClassGuardedController]),
      );
      expect(routesOf(ClassGuardedController).every(isGuarded)).toBe(true);
    });
  });
});
