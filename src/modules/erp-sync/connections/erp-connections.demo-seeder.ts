import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';
import { demoId, DemoSeeder, DemoSeederOrder } from '../../../core/seed/demo-seeder';
import type { ErpKind } from '../adapters';
import { CredentialCipher } from './credential-cipher';

/** The ERP simulator's address (`npm run erp:simulator`). */
const SIMULATOR_URL = 'http://127.0.0.1:4010';

/*
 * The credentials the simulator accepts by default: copies of
 * SIMULATOR_K3_CREDENTIALS and SIMULATOR_U8_CREDENTIALS in
 * tools/erp-simulator/simulator.ts (src never imports tools/). Test values,
 * not secrets.
 */
const DEMO_CONNECTIONS: {
  name: string;
  kind: ErpKind;
  credentials: Record<string, string>;
  defaults: object;
}[] = [
  {
    name: '金蝶云星空（模拟器）',
    kind: 'k3cloud',
    credentials: { acctID: 'sim-acct', username: 'administrator', password: 'sim-password' },
    defaults: { saleOrgNumber: '100', billTypeNumber: 'XSDD01_SYS' },
  },
  {
    name: '用友 U8（模拟器）',
    kind: 'u8',
    credentials: {
      fromAccount: 'sim-from',
      toAccount: 'sim-to',
      appKey: 'sim-app-key',
      appSecret: 'sim-app-secret',
    },
    defaults: { businesstype: '普通销售', typecode: '01', deptcode: '03' },
  },
];

/**
 * Two connections to the simulator, both inactive: a demo must not send
 * orders to an ERP nobody started. Start the simulator, then activate one
 * (`PATCH /erp/connections/:id { "active": true }`). Fixed ids: seeding again
 * changes nothing, not even credentials an admin has replaced since.
 */
@Injectable()
@DemoSeederOrder(60)
export class ErpConnectionsDemoSeeder implements DemoSeeder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly cipher: CredentialCipher,
  ) {}

  async seed(): Promise<void> {
    for (const connection of DEMO_CONNECTIONS) {
      await this.tx.query(
        `INSERT INTO erp_connections (id, name, kind, base_url, credentials, credentials_set_at, defaults, active)
         VALUES ($1, $2, $3, $4, $5, now(), $6, false) ON CONFLICT DO NOTHING`,
        [
          demoId('erp-connection', connection.kind),
          connection.name,
          connection.kind,
          SIMULATOR_URL,
          this.cipher.seal(connection.credentials),
          connection.defaults,
        ],
      );
    }
  }
}
