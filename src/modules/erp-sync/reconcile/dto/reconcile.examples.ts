import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { ReconcileReport } from './reconcile.dto';

export const RECONCILE_EXAMPLE: ReconcileReport = {
  from: '2026-11-30T16:00:00.000Z',
  to: '2026-12-31T16:00:00.000Z',
  checkedAt: '2026-12-06T02:30:00.000Z',
  connection: { id: EXAMPLE_IDS.erpConnection, name: '金蝶云星空 正式账套', kind: 'k3cloud' },
  contracts: 42,
  matched: 39,
  notSynced: 1,
  drift: [
    {
      contractId: EXAMPLE_IDS.contract,
      contractNo: 'HT-2026-000123',
      kind: 'amount_mismatch',
      syncStatus: 'synced',
      expected: { amountWithTax: '5396.88', erpOrderNo: 'HT-2026-000123' },
      found: { erpOrderNo: 'HT-2026-000123', amountWithTax: '5296.88', date: '2026-12-06' },
    },
    {
      contractId: 'a1c3e5f7-9b1d-4f3a-8c5e-7a9b1d3f5c70',
      contractNo: 'HT-2026-000124',
      kind: 'missing_in_erp',
      syncStatus: 'synced',
      expected: { amountWithTax: '1288.00', erpOrderNo: 'HT-2026-000124' },
    },
  ],
};
