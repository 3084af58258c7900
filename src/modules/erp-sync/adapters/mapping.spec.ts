import { ErpSalesOrder } from './erp-adapter';
import {
  isK3SessionLost,
  k3ErrorMessage,
  k3Literal,
  k3OrderLookup,
  k3OrdersFound,
  k3OrdersQuery,
  k3Rows,
  k3Status,
  k3StockQuery,
  sumK3Stock,
  toK3SaveRequest,
} from './k3cloud.mapping';
import {
  isU8NotFound,
  isU8TokenInvalid,
  sumU8Stock,
  toU8SalesOrder,
  u8AddQuery,
  u8ErrorMessage,
  u8GetOrderQuery,
  u8OrderFound,
} from './u8.mapping';

const order: ErpSalesOrder = {
  contractId: '0b9a3c1e-5f7d-4e2a-9c61-0a1b2c3d4e5f',
  contractNo: 'HT-2026-000123',
  date: '2026-03-15',
  customerErpCode: 'CUST-001',
  lines: [
    { sku: 'VLV-DN50', qty: '2.5', taxUnitPrice: '282.50', taxRatePct: 13 },
    { sku: 'BRG-6205', qty: '100', taxUnitPrice: '38.64', taxRatePct: 9 },
  ],
};

describe('toK3SaveRequest', () => {
  it('maps a contract to SAL_SaleOrder: FBillNo = contract number, customer, org, entries', () => {
    expect(toK3SaveRequest(order, { saleOrgNumber: '100' })).toEqual({
      formid: 'SAL_SaleOrder',
      data: {
        Model: {
          FBillNo: 'HT-2026-000123',
          FDate: '2026-03-15',
          FSaleOrgId: { FNumber: '100' },
          FCustId: { FNumber: 'CUST-001' },
          FSaleOrderEntry: [
            {
              FMaterialId: { FNumber: 'VLV-DN50' },
              FQty: '2.5',
              FTaxPrice: '282.5',
              FEntryTaxRate: 13,
            },
            {
              FMaterialId: { FNumber: 'BRG-6205' },
              FQty: '100',
              FTaxPrice: '38.64',
              FEntryTaxRate: 9,
            },
          ],
        },
      },
    });
  });

  it('adds the bill type and the settlement currency when the connection gives them', () => {
    const { Model } = toK3SaveRequest(order, {
      saleOrgNumber: '100',
      billTypeNumber: 'XSDD01_SYS',
      currencyNumber: 'PRE001',
    }).data;
    expect(Model.FBillTypeID).toEqual({ FNumber: 'XSDD01_SYS' });
    expect(Model.FSaleOrderFinance).toEqual({ FSettleCurrId: { FNumber: 'PRE001' } });
  });

  it('refuses a quantity or price that is not a decimal string', () => {
    const bad = { ...order, lines: [{ ...order.lines[0], taxUnitPrice: '1e3' }] };
    expect(() => toK3SaveRequest(bad, { saleOrgNumber: '100' })).toThrow(/taxUnitPrice/);
  });
});

describe('K3 queries', () => {
  it('quotes literals so a contract number cannot break out of the filter', () => {
    expect(k3Literal("HT-1' OR '1'='1")).toBe("'HT-1'' OR ''1''=''1'");
    expect(k3OrderLookup('HT-1').data).toMatchObject({
      FormId: 'SAL_SaleOrder',
      FilterString: "FBillNo = 'HT-1'",
    });
  });

  it('asks STK_Inventory for the materials and sums warehouses per material', () => {
    expect(k3StockQuery(['A', 'B']).data).toMatchObject({
      FormId: 'STK_Inventory',
      FieldKeys: 'FMaterialId.FNumber,FBaseQty',
      FilterString: "FMaterialId.FNumber IN ('A','B')",
    });
    expect(
      sumK3Stock([
        ['A', 1.5],
        ['B', 2],
        ['A', '0.25'],
      ]),
    ).toEqual([
      { sku: 'A', quantity: '1.75' },
      { sku: 'B', quantity: '2' },
    ]);
  });
});

describe('K3 order lookup for the reconciliation', () => {
  it('asks SAL_SaleOrder for many bill numbers, literals quoted', () => {
    expect(k3OrdersQuery(['HT-1', "HT-'2"], 2000).data).toMatchObject({
      FormId: 'SAL_SaleOrder',
      FieldKeys: 'FBillNo,FBillAllAmount,FDate',
      FilterString: "FBillNo IN ('HT-1','HT-''2')",
      StartRow: 2000,
      Limit: 2000,
    });
  });

  it('reads one order per bill from rows that may repeat per entry line', () => {
    expect(
      k3OrdersFound([
        ['HT-1', 5695.2, '2026-12-01T00:00:00'],
        ['HT-1', 5695.2, '2026-12-01T00:00:00'],
        ['HT-2', '10.005', null],
        [null, 1, null],
      ]),
    ).toEqual([
      { number: 'HT-1', erpOrderNo: 'HT-1', amountWithTax: '5695.20', date: '2026-12-01' },
      { number: 'HT-2', erpOrderNo: 'HT-2', amountWithTax: '10.01' },
    ]);
  });
});

describe('K3 replies', () => {
  const lost = {
    Result: {
      ResponseStatus: {
        ErrorCode: 500,
        IsSuccess: false,
        Errors: [{ FieldName: null, Message: '会话信息已丢失，请重新登录', DIndex: 0 }],
        MsgCode: 1,
      },
    },
  };

  it('sees a lost session in a Save reply and in a query reply ([[{ Result }]])', () => {
    expect(isK3SessionLost(lost)).toBe(true);
    expect(isK3SessionLost([[lost]])).toBe(true);
    const byMessageOnly = {
      Result: { ResponseStatus: { IsSuccess: false, Errors: [{ Message: '上下文丢失' }] } },
    };
    expect(isK3SessionLost(byMessageOnly)).toBe(true);
    expect(isK3SessionLost([['HT-1', 100001]])).toBe(false);
  });

  it('tells rows from an error reply', () => {
    expect(k3Rows([['HT-1', 1]])).toEqual([['HT-1', 1]]);
    expect(k3Rows([])).toEqual([]);
    expect(k3Rows([[lost]])).toBeUndefined();
    expect(k3Status([[lost]])?.MsgCode).toBe(1);
  });

  it("keeps the ERP's own words as the business error", () => {
    const status = {
      IsSuccess: false,
      Errors: [
        { FieldName: 'FCustId', Message: '客户“X”不存在' },
        { FieldName: null, Message: '物料“Y”已禁用' },
      ],
    };
    expect(k3ErrorMessage(status)).toBe('FCustId: 客户“X”不存在; 物料“Y”已禁用');
  });
});

describe('toU8SalesOrder', () => {
  it('maps a contract to saleorder: code = contract number, defaults, numbered rows', () => {
    expect(
      toU8SalesOrder(order, {
        businesstype: '普通销售',
        typecode: '01',
        deptcode: '03',
        personcode: '0301',
      }),
    ).toEqual({
      saleorder: {
        code: 'HT-2026-000123',
        date: '2026-03-15',
        businesstype: '普通销售',
        typecode: '01',
        custcode: 'CUST-001',
        deptcode: '03',
        personcode: '0301',
        entry: [
          {
            rowno: 1,
            inventorycode: 'VLV-DN50',
            quantity: '2.5',
            taxunitprice: '282.5',
            taxrate: 13,
          },
          {
            rowno: 2,
            inventorycode: 'BRG-6205',
            quantity: '100',
            taxunitprice: '38.64',
            taxrate: 9,
          },
        ],
      },
    });
  });

  it('puts biz_id = contract id and sync=1 in the query', () => {
    const query = new URLSearchParams(
      u8AddQuery(
        { fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's' },
        'tok',
        order.contractId,
      ),
    );
    expect(Object.fromEntries(query)).toEqual({
      from_account: 'f',
      to_account: 't',
      app_key: 'k',
      token: 'tok',
      biz_id: order.contractId,
      sync: '1',
    });
  });
});

describe('U8 replies', () => {
  it('tells an invalid token from a business error', () => {
    expect(isU8TokenInvalid({ errcode: '30002', errmsg: 'token 无效或已过期' })).toBe(true);
    expect(isU8TokenInvalid({ errcode: '99', errmsg: 'invalid token' })).toBe(true);
    expect(isU8TokenInvalid({ errcode: '20001', errmsg: '客户编码“X”不存在' })).toBe(false);
    expect(isU8TokenInvalid({ errcode: '0' })).toBe(false);
    expect(u8ErrorMessage({ errcode: '20001', errmsg: '客户编码“X”不存在' })).toBe(
      '客户编码“X”不存在',
    );
  });

  it('sums current stock over warehouses', () => {
    expect(
      sumU8Stock([
        { invcode: 'A', whcode: '01', qty: 3 },
        { invcode: 'A', whcode: '02', qty: '0.5' },
      ]),
    ).toEqual([{ sku: 'A', quantity: '3.5' }]);
  });
});

describe('U8 order lookup for the reconciliation', () => {
  it('asks saleorder/get for the code as its id', () => {
    const query = new URLSearchParams(
      u8GetOrderQuery(
        { fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's' },
        'tok',
        'HT-1&x',
      ),
    );
    expect(Object.fromEntries(query)).toEqual({
      from_account: 'f',
      to_account: 't',
      app_key: 'k',
      token: 'tok',
      id: 'HT-1&x',
    });
  });

  it("sums the entries' tax-inclusive sums and keeps U8's id as the order number", () => {
    expect(
      u8OrderFound(
        {
          errcode: '0',
          saleorder: {
            id: 100042,
            code: 'HT-1',
            date: '2026-12-01',
            entry: [{ sum: '565.00' }, { sum: 3864 }],
          },
        },
        'HT-1',
      ),
    ).toEqual({
      number: 'HT-1',
      erpOrderNo: '100042',
      amountWithTax: '4429.00',
      date: '2026-12-01',
    });
    expect(u8OrderFound({ errcode: '0' }, 'HT-1')).toBeUndefined();
  });

  it('tells "no such order" from a refusal', () => {
    expect(isU8NotFound({ errcode: '20001', errmsg: '销售订单“HT-1”不存在' })).toBe(true);
    expect(isU8NotFound({ errcode: '20001', errmsg: '无权限' })).toBe(false);
    expect(isU8NotFound({ errcode: '0' })).toBe(false);
  });
});
