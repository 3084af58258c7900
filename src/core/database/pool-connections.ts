import { setTimeout as delay } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const openConnections = new WeakMap<DataSource, Set<PoolClient>>();

/**
 * Remembers each connection the data source's pool hands out until its socket
 * closes. Call it before the pool is used: a connection the pool made earlier
 * is only seen once it is next checked out.
 */
export function trackConnections(dataSource: DataSource): void {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const open = new Set<PoolClient>();
  // Every connection the pool makes is handed out ('acquire') as it is made.
  pool.on('acquire', (client: PoolClient) => {
    if (open.has(client)) return;
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  openConnections.set(dataSource, open);
}

/**
 * Waits until every tracked connection has closed, or `timeoutMs` has passed,
 * and answers how many are still open. pg-pool's end() resolves once it has
 * asked its connections to close, not once they have: a server stopped in
 * between still sees them and cuts them ("terminating connection due to
 * administrator command").
 */
export async function connectionsClosed(
  dataSource: DataSource,
  timeoutMs: number,
): Promise<number> {
  const open = openConnections.get(dataSource) ?? new Set();
  if (open.size) {
    await Promise.race([
      Promise.all([...open].map((client) => new Promise((ended) => client.once('end', ended)))),
      delay(timeoutMs, undefined, { ref: false }),
    ]);
  }
  return open.size;
}
