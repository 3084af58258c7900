import { Client } from 'pg';

/** Runs `fn` with a short-lived connection to `url` (for work outside the app: setup, seeding, baselines). */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
