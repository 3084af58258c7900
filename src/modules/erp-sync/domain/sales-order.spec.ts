import { ContractForErp, toErpSalesOrder } from './sales-order';

const contract: ContractForErp = {
  contractId: '6f1c2b8e-1a3d-4c55-9e0b-2d7f3a9c1e42',
  contractNo: 'HT-2026-000123',
  signedOn: '2026-12-06',
  customerErpCode: 'CUST-0042',
  lines: [
    { sku: 'BRG-6205-2RS', qty: 120, unitPrice: '18.50', taxRatePct: 13 },
    { sku: 'VLV-DN50-PN16', qty: 2.5, unitPrice: '88.50', taxRatePct: 9 },
    { sku: 'SVC-INSTALL', qty: 1, unitPrice: '300.00', taxRatePct: 0 },
  ],
};

describe('toErpSalesOrder', () => {
  it('maps the contract number, day, customer code and SKUs', () => {
    const result = toErpSalesOrder(contract);
    expect(result).toMatchObject({
      order: {
        contractId: contract.contractId,
        contractNo: 'HT-2026-000123',
        date: '2026-12-06',
        customerErpCode: 'CUST-0042',
      },
    });
  });

  it('grosses net prices up by the tax rate, exactly, without rounding to cents', () => {
    const result = toErpSalesOrder(contract);
    if (!('order' in result)) throw new Error('refused');
    expect(result.order.lines).toEqual([
      { sku: 'BRG-6205-2RS', qty: '120', taxUnitPrice: '20.905', taxRatePct: 13 },
      { sku: 'VLV-DN50-PN16', qty: '2.5', taxUnitPrice: '96.465', taxRatePct: 9 },
      { sku: 'SVC-INSTALL', qty: '1', taxUnitPrice: '300', taxRatePct: 0 },
    ]);
  });

  it('keeps six decimals, rounding half up', () => {
    const result = toErpSalesOrder({
      ...contract,
      lines: [{ sku: 'X', qty: 1, unitPrice: '0.01', taxRatePct: 13.3333 }],
    });
    if (!('order' in result)) throw new Error('refused');
    expect(result.order.lines[0].taxUnitPrice).toBe('0.011333');
  });

  it('refuses a customer without an ERP code, saying what to do', () => {
    expect(toErpSalesOrder({ ...contract, customerErpCode: null })).toEqual({
      refused: expect.stringContaining('erpCode'),
    });
  });
});
