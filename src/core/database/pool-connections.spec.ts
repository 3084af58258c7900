import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';
import { connectionsClosed, trackConnections } from './pool-connections';

describe('connectionsClosed', () => {
  const setUp = () => {
    const pool = new EventEmitter();
    const dataSource = { driver: { master: pool } } as unknown as DataSource;
    trackConnections(dataSource);
    return { pool, dataSource };
  };
  const settled = async (promise: Promise<number>) => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('waits for every connection handed out to close its socket', async () => {
    const { pool, dataSource } = setUp();
    const [made, reused] = [new EventEmitter(), new EventEmitter()];
    pool.emit('acquire', made);
    pool.emit('acquire', reused);
    pool.emit('acquire', made);
    const closed = connectionsClosed(dataSource, 60_000);
    made.emit('end');
    expect(await settled(closed)).toBe(false);
    reused.emit('end');
    expect(await settled(closed)).toBe(true);
    expect(await closed).toBe(0);
  });

  it('does not wait for connections that already closed', async () => {
    const { pool, dataSource } = setUp();
    const client = new EventEmitter();
    pool.emit('acquire', client);
    client.emit('end');
    expect(await settled(connectionsClosed(dataSource, 60_000))).toBe(true);
  });

  it('gives up after the timeout when a connection never closes', async () => {
    const { pool, dataSource } = setUp();
    pool.emit('acquire', new EventEmitter());
    const started = Date.now();
    expect(await connectionsClosed(dataSource, 50)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
