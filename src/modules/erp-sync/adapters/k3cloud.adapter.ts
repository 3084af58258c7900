import {
  DEFAULT_ERP_TIMEOUT_MS,
  ErpAdapter,
  ErpOrderFound,
  ErpPushOutcome,
  ErpRequestError,
  ErpSalesOrder,
  K3CloudCredentials,
  PushOptions,
  K3CloudDefaults,
  RetryableErpError,
  StockLevel,
} from './erp-adapter';
import { erpRequest } from './erp-http';
import {
  isK3SessionLost,
  K3_LCID,
  K3_QUERY_PAGE,
  K3_SERVICES,
  k3ErrorMessage,
  k3LoginMessage,
  k3LoginSucceeded,
  k3OrderLookup,
  k3OrdersFound,
  k3OrdersQuery,
  k3Rows,
  k3Status,
  k3StockQuery,
  k3Succeeded,
  sumK3Stock,
  toK3SaveRequest,
} from './k3cloud.mapping';

export interface K3CloudAdapterOptions {
  baseUrl: string;
  credentials: K3CloudCredentials;
  defaults: K3CloudDefaults;
  timeoutMs?: number;
}

/** Materials per stock query: keeps the FilterString's IN list short. */
const STOCK_BATCH = 200;
/** Bill numbers per order query, for the same reason. */
const ORDER_BATCH = 100;

/**
 * Kingdee K3 Cloud WebAPI. Logs in with ValidateUser and keeps the session
 * cookies (`kdservice-sessionid`, and whatever else K3 sets); logs in once more
 * when a reply says the session is lost (会话信息已丢失). Every push but a
 * contract's first attempt looks the order up by FBillNo = contract number
 * first, so a retry after a lost response finds the order instead of saving
 * a second one.
 */
export class K3CloudAdapter implements ErpAdapter {
  readonly kind = 'k3cloud' as const;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  /** `name=value; name=value`, or undefined before the first login. */
  private cookies?: string;
  private loggingIn?: Promise<void>;

  constructor(private readonly options: K3CloudAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ERP_TIMEOUT_MS;
  }

  async pushSalesOrder(order: ErpSalesOrder, options: PushOptions = {}): Promise<ErpPushOutcome> {
    const request = toK3SaveRequest(order, this.options.defaults);
    try {
      if (!options.firstAttempt) {
        const existing = await this.findOrder(order.contractNo);
        if (existing) return { status: 'synced', erpOrderNo: existing };
      }

      const body = await this.call('Save', K3_SERVICES.save, request);
      const status = k3Status(body);
      if (!status) {
        throw new RetryableErpError('bad_response', 'K3 Cloud Save: no Result.ResponseStatus');
      }
      if (k3Succeeded(status)) {
        const number = status.SuccessEntitys?.[0]?.Number;
        return { status: 'synced', erpOrderNo: number || order.contractNo };
      }
      // Another worker may have saved it between our lookup and our Save
      // (K3 then refuses the duplicate FBillNo): that is success, not a failure.
      const raced = await this.findOrder(order.contractNo);
      if (raced) return { status: 'synced', erpOrderNo: raced };
      return { status: 'business_error', message: k3ErrorMessage(status) };
    } catch (error) {
      if (error instanceof ErpRequestError)
        return { status: 'business_error', message: error.message };
      throw error;
    }
  }

  async fetchStock(skus: string[]): Promise<StockLevel[]> {
    const unique = [...new Set(skus)];
    const rows: unknown[][] = [];
    for (let i = 0; i < unique.length; i += STOCK_BATCH) {
      const batch = unique.slice(i, i + STOCK_BATCH);
      for (let start = 0; ; start += K3_QUERY_PAGE) {
        const page = await this.query(k3StockQuery(batch, start), 'ExecuteBillQuery STK_Inventory');
        rows.push(...page);
        if (page.length < K3_QUERY_PAGE) break;
      }
    }
    return sumK3Stock(rows);
  }

  async findOrders(numbers: string[]): Promise<ErpOrderFound[]> {
    const unique = [...new Set(numbers)];
    const rows: unknown[][] = [];
    for (let i = 0; i < unique.length; i += ORDER_BATCH) {
      const batch = unique.slice(i, i + ORDER_BATCH);
      for (let start = 0; ; start += K3_QUERY_PAGE) {
        const page = await this.query(
          k3OrdersQuery(batch, start),
          'ExecuteBillQuery SAL_SaleOrder',
        );
        rows.push(...page);
        if (page.length < K3_QUERY_PAGE) break;
      }
    }
    return k3OrdersFound(rows);
  }

  /** The ERP's number of the sales order with this FBillNo, if it exists. */
  private async findOrder(contractNo: string): Promise<string | undefined> {
    const rows = await this.query(k3OrderLookup(contractNo), 'ExecuteBillQuery SAL_SaleOrder');
    const billNo = rows[0]?.[0];
    return typeof billNo === 'string' && billNo ? billNo : undefined;
  }

  private async query(request: object, label: string): Promise<unknown[][]> {
    const body = await this.call(label, K3_SERVICES.query, request);
    const rows = k3Rows(body);
    if (rows) return rows;
    const status = k3Status(body);
    if (status) throw new ErpRequestError(`K3 Cloud ${label}: ${k3ErrorMessage(status)}`);
    throw new RetryableErpError('bad_response', `K3 Cloud ${label}: not rows`);
  }

  /** One call with the session; on a session-lost reply, one fresh login and one more try. */
  private async call(label: string, service: string, body: object): Promise<unknown> {
    if (!this.cookies) await this.login();
    const first = await this.post(label, service, body);
    if (!isK3SessionLost(first)) return first;

    this.cookies = undefined;
    await this.login();
    const second = await this.post(label, service, body);
    if (isK3SessionLost(second)) {
      this.cookies = undefined;
      throw new RetryableErpError('session', `K3 Cloud ${label}: session lost again after login`);
    }
    return second;
  }

  private async post(label: string, service: string, body: object): Promise<unknown> {
    const response = await erpRequest(
      `K3 Cloud ${label}`,
      `${this.baseUrl}/${service}`,
      { method: 'POST', body, headers: this.cookies ? { cookie: this.cookies } : {} },
      this.timeoutMs,
    );
    return response.body;
  }

  /** Concurrent callers share one login. */
  private login(): Promise<void> {
    this.loggingIn ??= this.doLogin().finally(() => (this.loggingIn = undefined));
    return this.loggingIn;
  }

  private async doLogin(): Promise<void> {
    const { acctID, username, password } = this.options.credentials;
    const response = await erpRequest(
      'K3 Cloud ValidateUser',
      `${this.baseUrl}/${K3_SERVICES.login}`,
      { method: 'POST', body: { acctID, username, password, lcid: K3_LCID } },
      this.timeoutMs,
    );
    if (!k3LoginSucceeded(response.body)) {
      throw new ErpRequestError(`K3 Cloud login failed: ${k3LoginMessage(response.body)}`);
    }
    const cookies = response.setCookies
      .map((cookie) => cookie.split(';')[0].trim())
      .filter(Boolean);
    if (!cookies.some((cookie) => cookie.toLowerCase().startsWith('kdservice-sessionid='))) {
      // Some gateways drop Set-Cookie; K3 also answers the session id in the body.
      const id = (response.body as { KDSVCSessionId?: unknown }).KDSVCSessionId;
      if (typeof id === 'string' && id) cookies.push(`kdservice-sessionid=${id}`);
    }
    if (!cookies.length) {
      throw new RetryableErpError('bad_response', 'K3 Cloud ValidateUser: no session cookie');
    }
    this.cookies = cookies.join('; ');
  }
}
