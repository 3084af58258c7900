import {
  ErpSimulator,
  SIMULATOR_K3_CREDENTIALS,
  SIMULATOR_U8_CREDENTIALS,
  startErpSimulator,
} from '../tools/erp-simulator/simulator';
import { EastRegion, OrgFactory, TestUser } from './support/factories';
import { QuoteFactory, TestProduct } from './support/quotes';
import { createTestApp, TestApp } from './support/test-app';

/*
 * GET /erp/reconcile against the simulator, through a real ERP connection.
 * The dispatcher's outcomes are written straight into erp_sync_jobs, and the
 * ERP's side straight into the simulator (putOrder), so that each kind of
 * drift is made on purpose.
 */

interface Contract {
  id: string;
  contractNo: string;
  amountWithTax: string;
}

interface Drift {
  contractId: string;
  contractNo: string;
  kind: string;
  syncStatus: string;
  expected: { amountWithTax: string; erpOrderNo: string | null };
  found?: { erpOrderNo: string; amountWithTax: string; date?: string };
}

interface Report {
  from: string;
  to: string;
  checkedAt: string;
  connection: { id: string; name: string; kind: string };
  contracts: number;
  matched: number;
  notSynced: number;
  drift: Drift[];
}

describe('GET /erp/reconcile', () => {
  let app: TestApp;
  let sim: ErpSimulator;
  let u: EastRegion;
  let finance: TestUser;
  let make: QuoteFactory;
  let bearing: TestProduct;
  let customerId: string;
  let serial = 0;

  beforeAll(async () => {
    [app, sim] = await Promise.all([createTestApp(), startErpSimulator({ port: 0 })]);
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    finance = await org.user({
      roles: ['finance_bp'],
      orgUnitId: await org.orgUnit({ type: 'region' }),
    });
    make = new QuoteFactory(app);
    bearing = await make.product();
    customerId = await make.customer(u.wang.auth);
  });
  afterAll(() => Promise.all([app.close(), sim.close()]));

  const reconcile = (from: string, to: string, auth = app.adminAuth) =>
    app.get(`/erp/reconcile?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, auth);

  /** A contract from a quote at list price (approved on submit), signed at `signedAt`. */
  const contractAt = async (signedAt: string, qty = 10): Promise<Contract> => {
    const quote = (
      await app
        .post('/quotes', u.wang.auth, {
          customerId,
          lines: [{ productId: bearing.id, qty, unitPrice: '42.00' }],
        })
        .expect(201)
    ).body as { id: string };
    await app.post(`/quotes/${quote.id}/submit`, u.wang.auth).expect(200);
    const contractNo = `RC-${process.pid}-${++serial}`;
    return (
      await app
        .post(`/quotes/${quote.id}/contract`, u.wang.auth, { contractNo, signedAt })
        .expect(201)
    ).body as Contract;
  };

  /** What the dispatcher would have written. */
  const recordSync = (contract: Contract, status: string, erpOrderNo: string | null) =>
    app.sql('UPDATE erp_sync_jobs SET status = $2, erp_order_no = $3 WHERE contract_id = $1', [
      contract.id,
      status,
      erpOrderNo,
    ]);

  describe('refusals', () => {
    it('403 for roles other than admin and finance', async () => {
      for (const user of [u.wang, u.li, u.zhou]) {
        await reconcile('2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00', user.auth).expect(
          403,
        );
      }
    });

    it('400 without a window, with a time without an offset, or an unknown parameter', async () => {
      await app.get('/erp/reconcile', app.adminAuth).expect(400);
      const noOffset = await reconcile('2026-01-01T00:00:00', '2026-02-01T00:00:00+08:00').expect(
        400,
      );
      expect(noOffset.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'from' }],
      });
      await app
        .get(
          '/erp/reconcile?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&kind=u8',
          app.adminAuth,
        )
        .expect(400);
    });

    it('400 naming `to` when the window is empty, reversed or longer than 93 days', async () => {
      for (const to of ['2026-01-01T00:00:00Z', '2025-12-31T00:00:00Z', '2026-04-04T00:00:01Z']) {
        const response = await reconcile('2026-01-01T00:00:00Z', to).expect(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'to' }],
        });
      }
      const zh = await reconcile('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z')
        .set('accept-language', 'zh-CN')
        .expect(400);
      expect(zh.body.errors).toEqual([{ field: 'to', message: '与 from 的间隔不能超过 93 天' }]);
    });

    it('422 ERP_NOT_CONFIGURED while no connection is active', async () => {
      const response = await reconcile('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z').expect(422);
      expect(response.body).toMatchObject({ code: 'ERP_NOT_CONFIGURED' });
    });
  });

  const connections = {
    k3cloud: () => ({
      name: '金蝶云星空 模拟',
      kind: 'k3cloud',
      baseUrl: `${sim.url}/K3Cloud`,
      credentials: SIMULATOR_K3_CREDENTIALS,
      defaults: { saleOrgNumber: '100' },
      active: true,
      timeoutMs: 2000,
    }),
    u8: () => ({
      name: '用友 U8 模拟',
      kind: 'u8',
      baseUrl: sim.url,
      credentials: SIMULATOR_U8_CREDENTIALS,
      defaults: { businesstype: '普通销售', typecode: '01', deptcode: '03' },
      active: true,
      timeoutMs: 2000,
    }),
  };

  describe.each([
    ['k3cloud', '2026-03'],
    ['u8', '2026-04'],
  ] as const)('against %s', (kind, month) => {
    let connectionId: string;
    const from = `${month}-01T00:00:00+08:00`;
    const to = `${month}-11T00:00:00+08:00`;
    const inWindow = (day: number) => `${month}-0${day}T10:00:00+08:00`;

    beforeAll(async () => {
      sim.reset();
      const response = await app
        .post('/erp/connections', app.adminAuth, connections[kind]())
        .expect(201);
      connectionId = (response.body as { id: string }).id;
    });

    /** The order as the ERP holds it: one line whose total is `total`. */
    const putOrder = (contract: Contract, total = contract.amountWithTax) =>
      sim.putOrder({
        erp: kind,
        number: contract.contractNo,
        date: `${month}-05`,
        lines: [{ sku: bearing.sku, qty: '1', taxPrice: total, taxRate: 13 }],
      });
    /** What pushSalesOrder answers for an order: K3 its FBillNo, U8 its id. */
    const erpNo = (order: { id: string; number: string }) =>
      kind === 'k3cloud' ? order.number : order.id;

    it('lists each kind of drift, counts the rest, and ignores contracts outside the window', async () => {
      const matched = await contractAt(inWindow(1));
      await recordSync(matched, 'synced', erpNo(putOrder(matched)));

      const missing = await contractAt(inWindow(2));
      await recordSync(missing, 'synced', kind === 'k3cloud' ? missing.contractNo : '999999');

      const unrecorded = await contractAt(inWindow(3));
      const unrecordedOrder = putOrder(unrecorded);
      await recordSync(unrecorded, 'dead', null);

      const changed = await contractAt(inWindow(4));
      const changedOrder = putOrder(changed, '1.00');
      await recordSync(changed, 'synced', erpNo(changedOrder));

      const renumbered = await contractAt(inWindow(5));
      putOrder(renumbered);
      await recordSync(renumbered, 'synced', 'SOMETHING-ELSE');

      await contractAt(inWindow(6)); // pending, not in the ERP: not drift
      const before = await contractAt(`${month}-01T00:00:00+09:00`); // an hour before `from`
      await recordSync(before, 'synced', 'X');

      const response = await reconcile(from, to, finance.auth).expect(200);
      const report = response.body as Report;
      expect(report).toMatchObject({
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        connection: { id: connectionId, name: connections[kind]().name, kind },
        contracts: 6,
        matched: 1,
        notSynced: 1,
      });
      expect(Date.parse(report.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(report.drift).toEqual([
        {
          contractId: missing.id,
          contractNo: missing.contractNo,
          kind: 'missing_in_erp',
          syncStatus: 'synced',
          expected: {
            amountWithTax: missing.amountWithTax,
            erpOrderNo: kind === 'k3cloud' ? missing.contractNo : '999999',
          },
        },
        {
          contractId: unrecorded.id,
          contractNo: unrecorded.contractNo,
          kind: 'synced_but_unrecorded',
          syncStatus: 'dead',
          expected: { amountWithTax: unrecorded.amountWithTax, erpOrderNo: null },
          found: {
            erpOrderNo: erpNo(unrecordedOrder),
            amountWithTax: unrecorded.amountWithTax,
            date: `${month}-05`,
          },
        },
        {
          contractId: changed.id,
          contractNo: changed.contractNo,
          kind: 'amount_mismatch',
          syncStatus: 'synced',
          expected: { amountWithTax: changed.amountWithTax, erpOrderNo: erpNo(changedOrder) },
          found: { erpOrderNo: erpNo(changedOrder), amountWithTax: '1.00', date: `${month}-05` },
        },
        expect.objectContaining({ contractId: renumbered.id, kind: 'order_no_mismatch' }),
      ]);
    });

    it('an empty window asks the ERP nothing', async () => {
      const before = sim.stats();
      const response = await reconcile('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z').expect(200);
      expect(response.body).toMatchObject({ contracts: 0, matched: 0, notSynced: 0, drift: [] });
      expect(sim.stats()).toEqual(before);
    });

    it('502 ERP_UNREACHABLE when the ERP fails, naming no URL or credential', async () => {
      sim.setFaults({ fail5xxPct: 100 });
      try {
        const response = await reconcile(from, to).expect(502);
        expect(response.body).toMatchObject({ status: 502, code: 'ERP_UNREACHABLE' });
        const text = JSON.stringify(response.body);
        for (const secret of [sim.url, String(sim.port), 'sim-password', 'sim-app-secret']) {
          expect(text).not.toContain(secret);
        }
      } finally {
        sim.setFaults({ fail5xxPct: 0 });
      }
    });
  });
});
