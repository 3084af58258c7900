import Decimal from 'decimal.js';
import { ErpOrderFound, ErpSalesOrder, StockLevel, U8Credentials, U8Defaults } from './erp-adapter';

/*
 * Yonyou U8 OpenAPI (用友 U8 开放平台): pure request builders and reply readers.
 * Shapes per docs/erp-sync.md#u8 and API.md §6.
 */

export const U8_PATHS = {
  token: 'system/token',
  addSalesOrder: 'api/saleorder/add',
  currentStock: 'api/currentstock/batch_get',
  getSalesOrder: 'api/saleorder/get',
} as const;

/**
 * errcodes that mean "get a new token". The public U8 OpenAPI pages do not list
 * them; these are the simulator's, and any errmsg naming the token counts too
 * (see isU8TokenInvalid).
 */
export const U8_TOKEN_ERRCODES = new Set(['30002', '30003']);

const DECIMAL = /^-?\d+(\.\d+)?$/;

function decimalString(value: string, field: string): string {
  if (!DECIMAL.test(value)) throw new TypeError(`${field} is not a decimal string: ${value}`);
  return new Decimal(value).toFixed();
}

export interface U8SalesOrderBody {
  saleorder: {
    code: string;
    date: string;
    businesstype: string;
    typecode: string;
    custcode: string;
    deptcode: string;
    personcode?: string;
    entry: U8SalesOrderEntry[];
  };
}

export interface U8SalesOrderEntry {
  rowno: number;
  inventorycode: string;
  /** Decimal strings, as U8's own examples send them. */
  quantity: string;
  taxunitprice: string;
  /** Percent: 13 means 13 %. */
  taxrate: number;
}

export function toU8SalesOrder(order: ErpSalesOrder, defaults: U8Defaults): U8SalesOrderBody {
  return {
    saleorder: {
      code: order.contractNo,
      date: order.date,
      businesstype: defaults.businesstype,
      typecode: defaults.typecode,
      custcode: order.customerErpCode,
      deptcode: defaults.deptcode,
      ...(defaults.personcode ? { personcode: defaults.personcode } : {}),
      entry: order.lines.map((line, index) => ({
        rowno: index + 1,
        inventorycode: line.sku,
        quantity: decimalString(line.qty, `lines[${index}].qty`),
        taxunitprice: decimalString(line.taxUnitPrice, `lines[${index}].taxUnitPrice`),
        taxrate: line.taxRatePct,
      })),
    },
  };
}

/** `?a=1&b=2`, in this order, encoded. */
function query(params: [string, string | number | undefined][]): string {
  const search = new URLSearchParams();
  for (const [key, value] of params) if (value !== undefined) search.append(key, String(value));
  return search.toString();
}

export function u8TokenQuery(credentials: U8Credentials): string {
  return query([
    ['from_account', credentials.fromAccount],
    ['app_key', credentials.appKey],
    ['app_secret', credentials.appSecret],
  ]);
}

/** from_account, to_account, app_key, token: the query every business call starts with. */
function callQuery(credentials: U8Credentials, token: string): [string, string][] {
  return [
    ['from_account', credentials.fromAccount],
    ['to_account', credentials.toAccount],
    ['app_key', credentials.appKey],
    ['token', token],
  ];
}

export function u8AddQuery(credentials: U8Credentials, token: string, bizId: string): string {
  return query([...callQuery(credentials, token), ['biz_id', bizId], ['sync', 1]]);
}

/** saleorder/get: one order by its voucher number (`id` = the code we gave it). */
export function u8GetOrderQuery(credentials: U8Credentials, token: string, code: string): string {
  return query([...callQuery(credentials, token), ['id', code]]);
}

export const U8_STOCK_PAGE = 200;

export function u8StockQuery(
  credentials: U8Credentials,
  token: string,
  sku: string,
  pageIndex: number,
): string {
  return query([
    ...callQuery(credentials, token),
    ['invcode_begin', sku],
    ['invcode_end', sku],
    ['page_index', pageIndex],
    ['rows_per_page', U8_STOCK_PAGE],
  ]);
}

export interface U8Reply {
  errcode?: string | number;
  errmsg?: string;
  [key: string]: unknown;
}

export function u8Succeeded(reply: U8Reply): boolean {
  return String(reply.errcode) === '0';
}

export function isU8TokenInvalid(reply: U8Reply): boolean {
  if (u8Succeeded(reply)) return false;
  return U8_TOKEN_ERRCODES.has(String(reply.errcode)) || /token/i.test(reply.errmsg ?? '');
}

export function u8ErrorMessage(reply: U8Reply): string {
  return reply.errmsg || `U8 refused the call (errcode ${String(reply.errcode ?? 'missing')})`;
}

export interface U8Token {
  id: string;
  /** Seconds. */
  expiresIn: number;
}

export function u8Token(reply: U8Reply): U8Token | undefined {
  const token = reply.token as { id?: unknown; expiresIn?: unknown } | undefined;
  if (typeof token?.id !== 'string' || !token.id) return undefined;
  const expiresIn = Number(token.expiresIn);
  return { id: token.id, expiresIn: Number.isFinite(expiresIn) ? expiresIn : 0 };
}

export interface U8StockRow {
  invcode?: string;
  whcode?: string;
  qty?: number | string;
}

/** currentstock/batch_get's rows: `currentstock: [{ invcode, whcode, qty, … }]`. */
export function u8StockRows(reply: U8Reply): U8StockRow[] {
  const rows = reply.currentstock;
  return Array.isArray(rows) ? (rows as U8StockRow[]) : [];
}

export function sumU8Stock(rows: U8StockRow[]): StockLevel[] {
  const totals = new Map<string, Decimal>();
  for (const row of rows) {
    if (typeof row.invcode !== 'string') continue;
    const qty = new Decimal(row.qty ?? 0);
    totals.set(row.invcode, (totals.get(row.invcode) ?? new Decimal(0)).plus(qty));
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity: quantity.toFixed() }));
}

/** An errmsg that says the order does not exist: the lookup found nothing, it did not fail. */
const NOT_FOUND = /不存在|未找到|not (be )?found|does not exist/i;

interface U8SalesOrderRead {
  id?: string | number;
  code?: string;
  date?: string;
  entry?: { sum?: string | number }[];
}

/**
 * The order in a saleorder/get reply, undefined when U8 has none by that
 * code (a success without `saleorder`; see also isU8NotFound). The total is
 * the sum of the entries' `sum` (价税合计, tax-inclusive); the ERP order
 * number is U8's `id`, as saleorder/add answered it.
 */
export function u8OrderFound(reply: U8Reply, code: string): ErpOrderFound | undefined {
  const order = reply.saleorder as U8SalesOrderRead | null | undefined;
  if (!u8Succeeded(reply) || !order || typeof order !== 'object') return undefined;
  const total = (order.entry ?? []).reduce(
    (sum, entry) => sum.plus(new Decimal(entry.sum ?? 0)),
    new Decimal(0),
  );
  const id = order.id === undefined || order.id === '' ? code : String(order.id);
  return {
    number: order.code || code,
    erpOrderNo: id,
    amountWithTax: total.toFixed(2),
    ...(order.date ? { date: order.date.slice(0, 10) } : {}),
  };
}

/** A saleorder/get refusal that only means "no such order". */
export function isU8NotFound(reply: U8Reply): boolean {
  return !u8Succeeded(reply) && NOT_FOUND.test(reply.errmsg ?? '');
}
