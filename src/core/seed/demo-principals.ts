import type { Principal } from '../auth/principal';
import type { Role } from '../auth/roles';
import type { TransactionHost } from '../database/transaction-host';
import { demoId } from './demo-seeder';

/**
 * Demo users as principals, by username (OrgDemoSeeder's ids), so that demo
 * seeders act through the services as those users would. Inactive users are
 * left out.
 */
export async function demoPrincipals(
  tx: TransactionHost,
  usernames: readonly string[],
): Promise<Map<string, Principal>> {
  const rows = await tx.query<{
    id: string;
    username: string;
    displayName: string;
    roles: Role[];
    orgUnitId: string | null;
  }>(
    `SELECT id, username, display_name AS "displayName", roles, org_unit_id AS "orgUnitId"
     FROM users WHERE id = ANY ($1::uuid[]) AND active`,
    [usernames.map((username) => demoId('user', username))],
  );
  return new Map(
    rows.map((row) => [
      row.username,
      {
        kind: 'user',
        id: row.id,
        userId: row.id,
        name: row.displayName,
        roles: row.roles,
        orgUnitId: row.orgUnitId,
      },
    ]),
  );
}
