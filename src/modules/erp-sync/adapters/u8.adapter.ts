import {
  DEFAULT_ERP_TIMEOUT_MS,
  ErpAdapter,
  ErpOrderFound,
  ErpPushOutcome,
  ErpRequestError,
  ErpSalesOrder,
  RetryableErpError,
  StockLevel,
  U8Credentials,
  U8Defaults,
} from './erp-adapter';
import { erpRequest } from './erp-http';
import {
  isU8NotFound,
  isU8TokenInvalid,
  sumU8Stock,
  toU8SalesOrder,
  U8_PATHS,
  U8_STOCK_PAGE,
  u8AddQuery,
  u8ErrorMessage,
  u8GetOrderQuery,
  u8OrderFound,
  U8Reply,
  u8StockQuery,
  u8StockRows,
  u8Succeeded,
  u8Token,
  u8TokenQuery,
} from './u8.mapping';

export interface U8AdapterOptions {
  baseUrl: string;
  credentials: U8Credentials;
  defaults: U8Defaults;
  timeoutMs?: number;
  /** Renew the token this long before it expires (default 60 s). */
  tokenMarginMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** saleorder/get calls in flight at once during findOrders. */
const ORDER_LOOKUPS_AT_ONCE = 8;

/**
 * Yonyou U8 OpenAPI. The token is cached until `tokenMarginMs` before it
 * expires, and renewed once when a reply says it is invalid. Orders go through
 * `saleorder/add` with `biz_id` = contract id and `sync=1`: U8 keeps one order
 * per biz_id, so a retry after a lost response gets the same id back.
 */
export class U8Adapter implements ErpAdapter {
  readonly kind = 'u8' as const;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private token?: { id: string; renewAt: number };
  private fetchingToken?: Promise<string>;

  constructor(private readonly options: U8AdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ERP_TIMEOUT_MS;
    this.marginMs = options.tokenMarginMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async pushSalesOrder(order: ErpSalesOrder): Promise<ErpPushOutcome> {
    const body = toU8SalesOrder(order, this.options.defaults);
    try {
      const reply = await this.call('saleorder/add', (token) => ({
        method: 'POST',
        url: `${this.baseUrl}/${U8_PATHS.addSalesOrder}?${u8AddQuery(this.options.credentials, token, order.contractId)}`,
        body,
      }));
      if (!u8Succeeded(reply)) return { status: 'business_error', message: u8ErrorMessage(reply) };
      const id = reply.id;
      if ((typeof id !== 'string' && typeof id !== 'number') || id === '') {
        throw new RetryableErpError('bad_response', 'U8 saleorder/add: success without an id');
      }
      return { status: 'synced', erpOrderNo: String(id) };
    } catch (error) {
      if (error instanceof ErpRequestError)
        return { status: 'business_error', message: error.message };
      throw error;
    }
  }

  async fetchStock(skus: string[]): Promise<StockLevel[]> {
    const rows = [];
    for (const sku of new Set(skus)) {
      for (let page = 1; ; page++) {
        const reply = await this.call('currentstock/batch_get', (token) => ({
          method: 'GET',
          url: `${this.baseUrl}/${U8_PATHS.currentStock}?${u8StockQuery(this.options.credentials, token, sku, page)}`,
        }));
        if (!u8Succeeded(reply)) {
          throw new ErpRequestError(`U8 currentstock/batch_get: ${u8ErrorMessage(reply)}`);
        }
        const pageRows = u8StockRows(reply);
        rows.push(...pageRows.filter((row) => row.invcode === sku));
        const pageCount = Number(reply.page_count);
        const more = Number.isFinite(pageCount)
          ? page < pageCount
          : pageRows.length >= U8_STOCK_PAGE;
        if (!more) break;
      }
    }
    return sumU8Stock(rows);
  }

  async findOrders(numbers: string[]): Promise<ErpOrderFound[]> {
    const unique = [...new Set(numbers)];
    const found: ErpOrderFound[] = [];
    // saleorder/get reads one order; a few at a time keep a long window short without crowding U8.
    for (let i = 0; i < unique.length; i += ORDER_LOOKUPS_AT_ONCE) {
      const batch = unique.slice(i, i + ORDER_LOOKUPS_AT_ONCE);
      const orders = await Promise.all(batch.map((code) => this.findOrder(code)));
      found.push(...orders.filter((order): order is ErpOrderFound => !!order));
    }
    return found;
  }

  private async findOrder(code: string): Promise<ErpOrderFound | undefined> {
    const reply = await this.call('saleorder/get', (token) => ({
      method: 'GET',
      url: `${this.baseUrl}/${U8_PATHS.getSalesOrder}?${u8GetOrderQuery(this.options.credentials, token, code)}`,
    }));
    if (isU8NotFound(reply)) return undefined;
    if (!u8Succeeded(reply)) {
      throw new ErpRequestError(`U8 saleorder/get: ${u8ErrorMessage(reply)}`);
    }
    return u8OrderFound(reply, code);
  }

  /** One call with the cached token; on an invalid-token reply, one new token and one more try. */
  private async call(
    label: string,
    build: (token: string) => { method: 'GET' | 'POST'; url: string; body?: unknown },
  ): Promise<U8Reply> {
    const first = await this.send(label, build(await this.validToken()));
    if (!isU8TokenInvalid(first)) return first;

    this.token = undefined;
    const second = await this.send(label, build(await this.validToken()));
    if (isU8TokenInvalid(second)) {
      this.token = undefined;
      throw new RetryableErpError('session', `U8 ${label}: token refused again after renewal`);
    }
    return second;
  }

  private async send(
    label: string,
    request: { method: 'GET' | 'POST'; url: string; body?: unknown },
  ): Promise<U8Reply> {
    const response = await erpRequest(`U8 ${label}`, request.url, request, this.timeoutMs);
    const reply = response.body;
    if (!reply || typeof reply !== 'object' || Array.isArray(reply)) {
      throw new RetryableErpError('bad_response', `U8 ${label}: not an object`);
    }
    return reply as U8Reply;
  }

  private async validToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.id;
    // Concurrent callers share one token request.
    this.fetchingToken ??= this.fetchToken().finally(() => (this.fetchingToken = undefined));
    return this.fetchingToken;
  }

  private async fetchToken(): Promise<string> {
    const reply = await this.send('system/token', {
      method: 'GET',
      url: `${this.baseUrl}/${U8_PATHS.token}?${u8TokenQuery(this.options.credentials)}`,
    });
    const token = u8Succeeded(reply) ? u8Token(reply) : undefined;
    if (!token) throw new ErpRequestError(`U8 token refused: ${u8ErrorMessage(reply)}`);
    this.token = { id: token.id, renewAt: this.now() + token.expiresIn * 1000 - this.marginMs };
    return token.id;
  }
}
