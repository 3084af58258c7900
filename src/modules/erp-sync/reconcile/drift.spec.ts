import type { ErpOrderFound } from '../adapters';
import { ContractToReconcile, driftKinds, reconcile } from './drift';
import { MAX_WINDOW_DAYS, windowError } from './reconcile-window';

const contract = (overrides: Partial<ContractToReconcile> = {}): ContractToReconcile => ({
  contractId: '00000000-0000-4000-8000-000000000001',
  contractNo: 'HT-2026-000001',
  amountWithTax: '5695.20',
  lineCount: 2,
  syncStatus: 'synced',
  erpOrderNo: 'HT-2026-000001',
  ...overrides,
});

const order = (overrides: Partial<ErpOrderFound> = {}): ErpOrderFound => ({
  number: 'HT-2026-000001',
  erpOrderNo: 'HT-2026-000001',
  amountWithTax: '5695.20',
  date: '2026-12-01',
  ...overrides,
});

describe('driftKinds', () => {
  it('a synced contract the ERP holds as recorded: no drift', () => {
    expect(driftKinds(contract(), order())).toEqual([]);
  });

  it('a synced contract the ERP does not hold: missing_in_erp', () => {
    expect(driftKinds(contract(), undefined)).toEqual(['missing_in_erp']);
  });

  it.each(['pending', 'failed', 'dead'] as const)(
    'a %s contract the ERP does not hold: not drift (unfinished work)',
    (syncStatus) => {
      expect(driftKinds(contract({ syncStatus, erpOrderNo: null }), undefined)).toEqual([]);
    },
  );

  it.each(['pending', 'failed', 'dead'] as const)(
    'a %s contract the ERP holds: synced_but_unrecorded',
    (syncStatus) => {
      expect(driftKinds(contract({ syncStatus, erpOrderNo: null }), order())).toEqual([
        'synced_but_unrecorded',
      ]);
    },
  );

  it('tolerates a cent of rounding per line, and no more', () => {
    expect(driftKinds(contract(), order({ amountWithTax: '5695.22' }))).toEqual([]);
    expect(driftKinds(contract(), order({ amountWithTax: '5695.18' }))).toEqual([]);
    expect(driftKinds(contract(), order({ amountWithTax: '5695.23' }))).toEqual([
      'amount_mismatch',
    ]);
    expect(driftKinds(contract({ lineCount: 0 }), order({ amountWithTax: '5695.21' }))).toEqual([]);
    expect(driftKinds(contract({ lineCount: 0 }), order({ amountWithTax: '5695.22' }))).toEqual([
      'amount_mismatch',
    ]);
  });

  it('a different ERP order number than the job recorded: order_no_mismatch', () => {
    expect(driftKinds(contract({ erpOrderNo: '100001' }), order({ erpOrderNo: '100002' }))).toEqual(
      ['order_no_mismatch'],
    );
  });

  it('names every problem of one contract', () => {
    expect(
      driftKinds(
        contract({ syncStatus: 'failed', erpOrderNo: '100001' }),
        order({ erpOrderNo: '100009', amountWithTax: '1.00' }),
      ),
    ).toEqual(['synced_but_unrecorded', 'amount_mismatch', 'order_no_mismatch']);
  });
});

describe('reconcile', () => {
  it('counts matched and not-synced contracts, lists drift per kind, matching by number', () => {
    const ok = contract();
    const pending = contract({
      contractId: '00000000-0000-4000-8000-000000000002',
      contractNo: 'HT-2026-000002',
      syncStatus: 'pending',
      erpOrderNo: null,
    });
    const gone = contract({
      contractId: '00000000-0000-4000-8000-000000000003',
      contractNo: 'HT-2026-000003',
      erpOrderNo: 'HT-2026-000003',
    });
    const changed = contract({
      contractId: '00000000-0000-4000-8000-000000000004',
      contractNo: 'HT-2026-000004',
      erpOrderNo: 'HT-2026-000004',
    });
    const result = reconcile(
      [ok, pending, gone, changed],
      [
        order(),
        order({ number: 'HT-2026-000004', erpOrderNo: 'HT-2026-000004', amountWithTax: '10.00' }),
        order({ number: 'HT-OTHER', erpOrderNo: 'HT-OTHER' }),
      ],
    );
    expect(result).toEqual({
      contracts: 4,
      matched: 1,
      notSynced: 1,
      drift: [
        {
          contractId: gone.contractId,
          contractNo: 'HT-2026-000003',
          kind: 'missing_in_erp',
          syncStatus: 'synced',
          expected: { amountWithTax: '5695.20', erpOrderNo: 'HT-2026-000003' },
        },
        {
          contractId: changed.contractId,
          contractNo: 'HT-2026-000004',
          kind: 'amount_mismatch',
          syncStatus: 'synced',
          expected: { amountWithTax: '5695.20', erpOrderNo: 'HT-2026-000004' },
          found: { erpOrderNo: 'HT-2026-000004', amountWithTax: '10.00', date: '2026-12-01' },
        },
      ],
    });
  });
});

describe('windowError', () => {
  const day = 24 * 60 * 60 * 1000;
  const from = Date.parse('2026-12-01T00:00:00+08:00');

  it(`takes a window of up to ${MAX_WINDOW_DAYS} days`, () => {
    expect(windowError(from, from + 1)).toBeUndefined();
    expect(windowError(from, from + MAX_WINDOW_DAYS * day)).toBeUndefined();
  });

  it('refuses an empty or reversed window, or a longer one, naming `to`', () => {
    expect(windowError(from, from)).toMatchObject({ field: 'to' });
    expect(windowError(from, from - day)).toMatchObject({ field: 'to' });
    expect(windowError(from, from + MAX_WINDOW_DAYS * day + 1)).toMatchObject({
      field: 'to',
      message: { en: `must be at most ${MAX_WINDOW_DAYS} days after from` },
    });
  });
});
