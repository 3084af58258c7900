/*
 * One interface for every ERP (issue 14 §3). The dispatcher knows only this
 * file: it pushes a contract's sales order and pulls stock levels, and tells
 * three endings apart:
 *
 * - `{ status: 'synced', erpOrderNo }`: the ERP holds the order (now, or from an earlier attempt);
 * - `{ status: 'business_error', message }`: the ERP refused it; retrying will not help;
 * - a thrown `RetryableErpError`: we do not know; retry with backoff. Adapters are
 *   idempotent (K3: lookup by FBillNo first; U8: biz_id), so a retry never makes a second order.
 */

/** A contract as an ERP sales order. Money and quantities are decimal strings. */
export interface ErpSalesOrder {
  /** The contract's UUID: U8's biz_id. */
  contractId: string;
  /** The contract number: K3's FBillNo, U8's code. */
  contractNo: string;
  /** YYYY-MM-DD, in the organisation's time zone. */
  date: string;
  /** The customer's code in the ERP (customer `erpCode`). */
  customerErpCode: string;
  lines: ErpSalesOrderLine[];
}

export interface ErpSalesOrderLine {
  /** The product's SKU, its material / inventory code in the ERP. */
  sku: string;
  /** Decimal string, e.g. "2.5". */
  qty: string;
  /** Tax-inclusive unit price, decimal string, e.g. "113.00". */
  taxUnitPrice: string;
  /** VAT rate in percent: 13 means 13 %. */
  taxRatePct: number;
}

export type ErpPushOutcome =
  { status: 'synced'; erpOrderNo: string } | { status: 'business_error'; message: string };

/** The stock the ERP reports for one SKU, summed over its warehouses. */
export interface StockLevel {
  sku: string;
  /** Decimal string. */
  quantity: string;
}

export interface PushOptions {
  /**
   * True only when no earlier attempt for this contract can have reached the
   * ERP: K3 then saves without looking the order up first. The safe default
   * is false (look up before saving).
   */
  firstAttempt?: boolean;
}

export interface ErpAdapter {
  readonly kind: ErpKind;
  pushSalesOrder(order: ErpSalesOrder, options?: PushOptions): Promise<ErpPushOutcome>;
  /** Only the SKUs the ERP reports come back; a SKU it does not know is left out. */
  fetchStock(skus: string[]): Promise<StockLevel[]>;
}

export type ErpKind = 'k3cloud' | 'u8';

export interface K3CloudCredentials {
  acctID: string;
  username: string;
  password: string;
}

export interface K3CloudDefaults {
  saleOrgNumber: string;
  billTypeNumber?: string;
  currencyNumber?: string;
}

export interface U8Credentials {
  fromAccount: string;
  toAccount: string;
  appKey: string;
  appSecret: string;
}

export interface U8Defaults {
  businesstype: string;
  typecode: string;
  deptcode: string;
  personcode?: string;
}

/** `POST /erp/connections`, decrypted: what an adapter needs to talk to one ERP. */
export type ErpConnection =
  | {
      kind: 'k3cloud';
      baseUrl: string;
      credentials: K3CloudCredentials;
      defaults: K3CloudDefaults;
      timeoutMs?: number;
    }
  | {
      kind: 'u8';
      baseUrl: string;
      credentials: U8Credentials;
      defaults: U8Defaults;
      timeoutMs?: number;
    };

export const DEFAULT_ERP_TIMEOUT_MS = 15000;

export type RetryReason =
  | 'network' // connection refused or reset, DNS, socket closed mid-answer (a lost response)
  | 'timeout' // no complete answer within timeoutMs
  | 'http_status' // 5xx, 408 or 429
  | 'bad_response' // an answer that is not the ERP's JSON (a proxy's error page, truncated body)
  | 'session'; // the session or token was lost again right after a fresh login

/**
 * We do not know whether the ERP acted: retry with backoff. The message names
 * the operation and the cause, never a URL, a credential or a token.
 */
export class RetryableErpError extends Error {
  override readonly name = 'RetryableErpError';

  constructor(
    readonly reason: RetryReason,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

/**
 * The ERP refused the call itself, not an order: a rejected login, a 4xx, an
 * error reply to a query. Retrying as-is will not help; a person must look.
 * `pushSalesOrder` reports it as a `business_error`; `fetchStock` throws it.
 */
export class ErpRequestError extends Error {
  override readonly name = 'ErpRequestError';

  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}
