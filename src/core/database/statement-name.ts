import { createHash } from 'node:crypto';

/** Names by SQL text; bounded by the SQL shapes that run as prepared statements. */
const names = new Map<string, string>();

/**
 * The name under which `sql` runs as a prepared statement: the same on every
 * connection and replica, and distinct for distinct SQL. pg prepares a named
 * statement once per connection and reuses it after.
 */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `s_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}
