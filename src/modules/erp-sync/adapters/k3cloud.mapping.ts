import Decimal from 'decimal.js';
import { ErpOrderFound, ErpSalesOrder, K3CloudDefaults, StockLevel } from './erp-adapter';

/*
 * Kingdee K3 Cloud (金蝶云星空) WebAPI: pure request builders and reply readers.
 * Shapes per docs/erp-sync.md#k3-cloud and API.md §6.
 */

export const K3_SERVICES = {
  login: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc',
  save: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc',
  query: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc',
} as const;

export const K3_SALES_ORDER_FORM = 'SAL_SaleOrder';
export const K3_INVENTORY_FORM = 'STK_Inventory';
/** Simplified Chinese. */
export const K3_LCID = 2052;
/** K3's MsgCode for a lost context (上下文丢失): log in again. */
export const K3_MSG_CODE_CONTEXT_LOST = 1;

const DECIMAL = /^-?\d+(\.\d+)?$/;

function decimalString(value: string, field: string): string {
  if (!DECIMAL.test(value)) throw new TypeError(`${field} is not a decimal string: ${value}`);
  return new Decimal(value).toFixed();
}

export interface K3SaveRequest {
  formid: typeof K3_SALES_ORDER_FORM;
  data: { Model: K3SalesOrderModel };
}

export interface K3SalesOrderModel {
  FBillNo: string;
  FDate: string;
  FBillTypeID?: { FNumber: string };
  FSaleOrgId: { FNumber: string };
  FCustId: { FNumber: string };
  FSaleOrderFinance?: { FSettleCurrId: { FNumber: string } };
  FSaleOrderEntry: K3SalesOrderEntry[];
}

export interface K3SalesOrderEntry {
  FMaterialId: { FNumber: string };
  /** Decimal strings: K3 converts them to its decimal fields, and no binary float touches money. */
  FQty: string;
  FTaxPrice: string;
  /** Percent: 13 means 13 %. */
  FEntryTaxRate: number;
}

/** The Save body for a contract's sales order. */
export function toK3SaveRequest(order: ErpSalesOrder, defaults: K3CloudDefaults): K3SaveRequest {
  const model: K3SalesOrderModel = {
    FBillNo: order.contractNo,
    FDate: order.date,
    ...(defaults.billTypeNumber ? { FBillTypeID: { FNumber: defaults.billTypeNumber } } : {}),
    FSaleOrgId: { FNumber: defaults.saleOrgNumber },
    FCustId: { FNumber: order.customerErpCode },
    ...(defaults.currencyNumber
      ? { FSaleOrderFinance: { FSettleCurrId: { FNumber: defaults.currencyNumber } } }
      : {}),
    FSaleOrderEntry: order.lines.map((line, index) => ({
      FMaterialId: { FNumber: line.sku },
      FQty: decimalString(line.qty, `lines[${index}].qty`),
      FTaxPrice: decimalString(line.taxUnitPrice, `lines[${index}].taxUnitPrice`),
      FEntryTaxRate: line.taxRatePct,
    })),
  };
  return { formid: K3_SALES_ORDER_FORM, data: { Model: model } };
}

/** A string literal inside a K3 FilterString (SQL-like): quotes doubled. */
export function k3Literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export interface K3QueryRequest {
  data: {
    FormId: string;
    FieldKeys: string;
    FilterString: string;
    OrderString?: string;
    TopRowCount?: number;
    StartRow?: number;
    Limit?: number;
  };
}

/** ExecuteBillQuery for the sales order whose FBillNo is the contract number. */
export function k3OrderLookup(contractNo: string): K3QueryRequest {
  return {
    data: {
      FormId: K3_SALES_ORDER_FORM,
      FieldKeys: 'FBillNo,FID',
      FilterString: `FBillNo = ${k3Literal(contractNo)}`,
      Limit: 1,
    },
  };
}

/** K3 caps a query at 2000 rows; page with StartRow. */
export const K3_QUERY_PAGE = 2000;

/** ExecuteBillQuery on the inventory for these materials, one page. */
export function k3StockQuery(skus: string[], startRow = 0): K3QueryRequest {
  return {
    data: {
      FormId: K3_INVENTORY_FORM,
      FieldKeys: 'FMaterialId.FNumber,FBaseQty',
      FilterString: `FMaterialId.FNumber IN (${skus.map(k3Literal).join(',')})`,
      OrderString: 'FMaterialId.FNumber',
      StartRow: startRow,
      Limit: K3_QUERY_PAGE,
    },
  };
}

/** The fields the reconciliation reads, in the order k3OrdersFound expects them. */
const K3_ORDER_FIELDS = 'FBillNo,FBillAllAmount,FDate';

/** ExecuteBillQuery for the sales orders with these FBillNos, one page. */
export function k3OrdersQuery(billNos: string[], startRow = 0): K3QueryRequest {
  return {
    data: {
      FormId: K3_SALES_ORDER_FORM,
      FieldKeys: K3_ORDER_FIELDS,
      FilterString: `FBillNo IN (${billNos.map(k3Literal).join(',')})`,
      OrderString: 'FBillNo',
      StartRow: startRow,
      Limit: K3_QUERY_PAGE,
    },
  };
}

/**
 * Orders from k3OrdersQuery's rows ([[FBillNo, FBillAllAmount, FDate], …]).
 * K3 may answer one row per entry line, each with the header's figures, so
 * the first row of a bill speaks for it. FBillAllAmount is the header's
 * tax-inclusive total (价税合计); K3's own number is the FBillNo.
 */
export function k3OrdersFound(rows: unknown[][]): ErpOrderFound[] {
  const found = new Map<string, ErpOrderFound>();
  for (const [billNo, total, date] of rows) {
    if (typeof billNo !== 'string' || !billNo || found.has(billNo)) continue;
    found.set(billNo, {
      number: billNo,
      erpOrderNo: billNo,
      amountWithTax: new Decimal(
        typeof total === 'number' || typeof total === 'string' ? total : 0,
      ).toFixed(2),
      ...(typeof date === 'string' && date ? { date: date.slice(0, 10) } : {}),
    });
  }
  return [...found.values()];
}

/** Sum the inventory rows ([[FNumber, FBaseQty], …], one per warehouse/lot) per material. */
export function sumK3Stock(rows: unknown[][]): StockLevel[] {
  const totals = new Map<string, Decimal>();
  for (const [sku, qty] of rows) {
    if (typeof sku !== 'string') continue;
    const quantity = new Decimal(typeof qty === 'number' || typeof qty === 'string' ? qty : 0);
    totals.set(sku, (totals.get(sku) ?? new Decimal(0)).plus(quantity));
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity: quantity.toFixed() }));
}

export interface K3ResponseStatus {
  IsSuccess?: boolean | string;
  ErrorCode?: number | string;
  MsgCode?: number;
  Errors?: { FieldName?: string | null; Message?: string | null; DIndex?: number }[];
  SuccessEntitys?: { Id?: number | string; Number?: string; DIndex?: number }[];
}

/** `Result.ResponseStatus` of a Save reply, or of a query's error reply ([[{ Result }]]). */
export function k3Status(body: unknown): K3ResponseStatus | undefined {
  let candidate: unknown = body;
  // A query answers rows on success and [[{ Result: … }]] on failure.
  while (Array.isArray(candidate) && candidate.length === 1) candidate = candidate[0];
  if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) return undefined;
  const result = (candidate as { Result?: { ResponseStatus?: K3ResponseStatus } }).Result;
  return result?.ResponseStatus;
}

const SESSION_LOST =
  /会话信息已丢失|上下文丢失|会话已失效|请重新登录|session (is )?(lost|expired)/i;

/** A reply that means "log in again". */
export function isK3SessionLost(body: unknown): boolean {
  const status = k3Status(body);
  if (!status) return false;
  if (status.MsgCode === K3_MSG_CODE_CONTEXT_LOST) return true;
  return (status.Errors ?? []).some((error) => SESSION_LOST.test(error.Message ?? ''));
}

export function k3Succeeded(status: K3ResponseStatus): boolean {
  return status.IsSuccess === true || status.IsSuccess === 'true';
}

/** The ERP's own words, joined: what the job shows as its failure. */
export function k3ErrorMessage(status: K3ResponseStatus | undefined): string {
  const messages = (status?.Errors ?? [])
    .map((error) => (error.FieldName ? `${error.FieldName}: ${error.Message}` : error.Message))
    .filter((message): message is string => !!message);
  if (messages.length) return messages.join('; ');
  return `K3 Cloud refused the call (ErrorCode ${String(status?.ErrorCode ?? 'unknown')})`;
}

/** ValidateUser's verdict: `LoginResultType` 1 is success; anything else is a refusal. */
export function k3LoginSucceeded(body: unknown): boolean {
  const type = (body as { LoginResultType?: unknown } | null)?.LoginResultType;
  return type === 1;
}

export function k3LoginMessage(body: unknown): string {
  const message = (body as { Message?: unknown } | null)?.Message;
  return typeof message === 'string' && message ? message : 'login refused';
}

/** Rows of a successful query: an array of arrays. */
export function k3Rows(body: unknown): unknown[][] | undefined {
  if (!Array.isArray(body)) return undefined;
  if (k3Status(body)) return undefined;
  return body.filter((row): row is unknown[] => Array.isArray(row));
}
