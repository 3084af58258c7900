/**
 * The floor the API benchmark judges the app against: `node:http` and a `pg` Pool of the app's
 * size, nothing else (no framework, no auth, no logging). It reads the same rows, with the same
 * columns, from the same database, and answers the same JSON shapes:
 *
 *   GET /customers/:id        one customer by id
 *   GET /customers?limit=50   newest first, over BARE_OWNER_ID's customers and the public pool
 *   GET /health/ready         for AppProcess, which starts this like the app
 *
 * Run in its own process (see api.bench.ts), never beside the load generator or the app.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { CUSTOMER_COLUMNS, CustomerRow } from '../src/modules/customers/customers.repository';

const OWNER_ID = process.env.BARE_OWNER_ID;
const ONE_CUSTOMER = /^\/customers\/([0-9a-f-]{36})$/;

/** The app's pool size (src/core/database/typeorm-options.ts). */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  application_name: 'bench-bare',
});

const GET_ONE = `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1`;
/** What a rep's data scope reads: its own customers and the pool (no owner). */
const LIST = `SELECT ${CUSTOMER_COLUMNS} FROM customers c
  WHERE (c.owner_id = $1 OR c.owner_id IS NULL)
  ORDER BY c.created_at DESC, c.id DESC LIMIT $2`;

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

/** One page, fetched one row past the limit to know whether another follows (as the app does). */
async function listPage(limit: number) {
  const { rows } = await pool.query<CustomerRow>(LIST, [OWNER_ID, limit + 1]);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url')
      : null;
  return { items, nextCursor };
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://bare');
  if (url.pathname === '/health/ready') return send(response, 200, { status: 'ok' });
  if (url.pathname === '/customers')
    return send(response, 200, await listPage(Number(url.searchParams.get('limit') ?? 50)));
  const id = ONE_CUSTOMER.exec(url.pathname)?.[1];
  if (!id) return send(response, 404, { status: 404 });
  const { rows } = await pool.query<CustomerRow>(GET_ONE, [id]);
  return rows.length ? send(response, 200, rows[0]) : send(response, 404, { status: 404 });
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: Error) => send(response, 500, { error: error.message }));
});
server.listen(Number(process.env.PORT), '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  pool.end().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
