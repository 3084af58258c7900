import { EventEmitter } from 'node:events';
import { AppConfig } from '../config/app-config';
import { TransactionHost } from '../database/transaction-host';
import { Principal } from './principal';
import { PRINCIPALS_CHANGED, PrincipalCache } from './principal-cache';

/** A stand-in for pg's Client: connects (or fails to), and emits what the server would. */
class FakeListener extends EventEmitter {
  static instances: FakeListener[] = [];
  static failConnect = false;
  readonly queries: string[] = [];

  constructor() {
    super();
    FakeListener.instances.push(this);
  }

  connect(): Promise<void> {
    return FakeListener.failConnect ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve();
  }

  query(text: string): Promise<void> {
    this.queries.push(text);
    return Promise.resolve();
  }

  end(): Promise<void> {
    return Promise.resolve();
  }
}

jest.mock('pg', () => ({ Client: jest.fn(() => new FakeListener()) }));

const wang: Principal = {
  kind: 'user',
  id: 'u-wang',
  userId: 'u-wang',
  name: 'wang.rep',
  roles: ['rep'],
  orgUnitId: 'o-1',
};

/** afterCommit as outside a transaction: at once. */
const tx = { afterCommit: (effect: () => void) => effect() } as unknown as TransactionHost;

describe('PrincipalCache', () => {
  let cache: PrincipalCache;
  let loads: number;
  const load = () => {
    loads++;
    return Promise.resolve(wang);
  };

  beforeEach(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    FakeListener.instances = [];
    FakeListener.failConnect = false;
    loads = 0;
    cache = new PrincipalCache({ databaseUrl: 'postgres://x' } as AppConfig, tx);
    await cache.onApplicationBootstrap();
  });

  afterEach(async () => {
    await cache.onApplicationShutdown();
    jest.useRealTimers();
  });

  const listener = () => FakeListener.instances[FakeListener.instances.length - 1];

  it('listens on the channel, and serves a second request from memory', async () => {
    expect(listener().queries).toEqual([`LISTEN ${PRINCIPALS_CHANGED}`]);
    expect(await cache.get('user:u-wang', load)).toBe(wang);
    expect(await cache.get('user:u-wang', load)).toBe(wang);
    expect(loads).toBe(1);
  });

  it('does not cache a caller that was not found (revoked, deactivated)', async () => {
    await cache.get('api_key:h', () => Promise.resolve(null));
    expect(await cache.get('api_key:h', load)).toBe(wang);
  });

  it('drops everything on a notification', async () => {
    await cache.get('user:u-wang', load);
    listener().emit('notification', { channel: PRINCIPALS_CHANGED, payload: 'users' });
    await cache.get('user:u-wang', load);
    expect(loads).toBe(2);
  });

  it('drops everything after the caller commits', async () => {
    await cache.get('user:u-wang', load);
    cache.dropAfterCommit();
    await cache.get('user:u-wang', load);
    expect(loads).toBe(2);
  });

  it('does not store a load that a change overtook', async () => {
    let finish: (principal: Principal) => void = () => undefined;
    const slow = cache.get('user:u-wang', () => new Promise((resolve) => (finish = resolve)));
    listener().emit('notification', { channel: PRINCIPALS_CHANGED, payload: 'users' });
    finish(wang);
    await slow;
    await cache.get('user:u-wang', load);
    expect(loads).toBe(1);
  });

  it('expires an entry after a minute, as a safety net', async () => {
    await cache.get('user:u-wang', load);
    jest.advanceTimersByTime(61_000);
    await cache.get('user:u-wang', load);
    expect(loads).toBe(2);
  });

  it('caches nothing while the channel is lost, and listens again a second later', async () => {
    await cache.get('user:u-wang', load);
    const lost = listener();
    lost.emit('error', new Error('Connection terminated unexpectedly'));
    await cache.get('user:u-wang', load);
    await cache.get('user:u-wang', load);
    expect(loads).toBe(3);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(listener()).not.toBe(lost);
    await cache.get('user:u-wang', load);
    await cache.get('user:u-wang', load);
    expect(loads).toBe(4);
  });

  it('keeps trying to listen while the database is down', async () => {
    listener().emit('end');
    FakeListener.failConnect = true;
    await jest.advanceTimersByTimeAsync(3_000);
    expect(FakeListener.instances.length).toBeGreaterThanOrEqual(3);
    await cache.get('user:u-wang', load);
    await cache.get('user:u-wang', load);
    expect(loads).toBe(2);
  });
});
