import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Decimal from 'decimal.js';

/*
 * One process speaking both ERP wire formats (issue 14 §4, docs/erp-sync.md):
 * Kingdee K3 Cloud WebAPI and Yonyou U8 OpenAPI, with switches that inject the
 * failures the sync must survive. It keeps everything in memory.
 *
 * ERP routes match on the end of the path, so any base URL prefix works
 * (`http://127.0.0.1:4010` or `http://127.0.0.1:4010/K3Cloud`). Admin routes
 * live under `/__sim/` and are never faulted.
 */

export interface ErpSimulatorFaults {
  /** Percent of ERP calls answered 503 without being acted on. */
  fail5xxPct: number;
  /** Percent of ERP calls whose connection is reset without being acted on. */
  resetPct: number;
  /** Percent of order writes (K3 Save, U8 saleorder/add) that ARE saved, then lose their answer. */
  lostResponsePct: number;
  /** How a lost answer is lost: the connection reset, or a gateway's 504. */
  lostResponseMode: 'reset' | '504';
  /** Every ERP call waits this long before it is handled. */
  slowMs: number;
  /** Order writes wait this long after the order is saved, before they answer. */
  slowAfterWriteMs: number;
  /** Customer or material codes whose orders the ERP refuses (disabled master data). */
  businessErrorFor: string[];
}

export type ErpSimulatorFaultsInput = Partial<ErpSimulatorFaults> & {
  /** One-shot: forget every K3 session and U8 token now. */
  expireSessions?: boolean;
};

export interface SimulatedOrderLine {
  sku: string;
  qty: string;
  taxPrice: string;
  taxRate: number;
}

export interface SimulatedOrder {
  erp: 'k3cloud' | 'u8';
  /** K3: FID; U8: the id saleorder/add answers. */
  id: string;
  /** K3: FBillNo; U8: code. */
  number: string;
  /** U8's biz_id. */
  bizId?: string;
  customer: string;
  date: string;
  lines: SimulatedOrderLine[];
  createdAt: string;
}

export interface ErpSimulatorSeed {
  customers?: string[];
  /** `stock`: a quantity (one warehouse, CK001) or quantities by warehouse code. */
  materials?: { code: string; stock?: string | Record<string, string> }[];
}

export interface ErpSimulatorStats {
  k3Logins: number;
  k3Saves: number;
  k3Queries: number;
  u8Tokens: number;
  u8Adds: number;
  u8StockQueries: number;
  faulted: number;
}

export interface ErpSimulatorOptions {
  port?: number;
  host?: string;
  faults?: Partial<ErpSimulatorFaults>;
  seed?: ErpSimulatorSeed;
  k3?: { acctID: string; username: string; password: string };
  u8?: { fromAccount: string; appKey: string; appSecret: string };
  /** U8 token lifetime in seconds (default 7200). */
  tokenTtlSeconds?: number;
  /** Draws for the fault percentages; Math.random by default. */
  random?: () => number;
}

export interface ErpSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  orders(): SimulatedOrder[];
  faults(): ErpSimulatorFaults;
  setFaults(faults: ErpSimulatorFaultsInput): ErpSimulatorFaults;
  seed(seed: ErpSimulatorSeed): void;
  /** Orders, sessions, tokens, faults, seed and stats back to the start. */
  reset(): void;
  stats(): ErpSimulatorStats;
}

/** The simulator's own test credentials; override them with options or env. */
export const SIMULATOR_K3_CREDENTIALS = {
  acctID: 'sim-acct',
  username: 'administrator',
  password: 'sim-password',
};
export const SIMULATOR_U8_CREDENTIALS = {
  fromAccount: 'sim-from',
  toAccount: 'sim-to',
  appKey: 'sim-app-key',
  appSecret: 'sim-app-secret',
};

export const NO_FAULTS: ErpSimulatorFaults = {
  fail5xxPct: 0,
  resetPct: 0,
  lostResponsePct: 0,
  lostResponseMode: 'reset',
  slowMs: 0,
  slowAfterWriteMs: 0,
  businessErrorFor: [],
};

/** Replies the simulator shares with the tests. */
export const K3_SESSION_LOST_MESSAGE = '会话信息已丢失，请重新登录';
export const U8_ERRCODE_BAD_APP = '30001';
export const U8_ERRCODE_TOKEN_INVALID = '30002';
export const U8_ERRCODE_BUSINESS = '20001';

const K3 = {
  login: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc',
  save: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc',
  query: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc',
};

type Reply = { status?: number; body: unknown; headers?: Record<string, string | string[]> };

class HttpFault extends Error {}

export async function startErpSimulator(options: ErpSimulatorOptions = {}): Promise<ErpSimulator> {
  const k3Credentials = options.k3 ?? SIMULATOR_K3_CREDENTIALS;
  const u8Credentials = options.u8 ?? SIMULATOR_U8_CREDENTIALS;
  const tokenTtl = options.tokenTtlSeconds ?? 7200;
  const random = options.random ?? Math.random;

  let faults: ErpSimulatorFaults = { ...NO_FAULTS, ...options.faults };
  let orders: SimulatedOrder[] = [];
  const k3Sessions = new Set<string>();
  const u8Tokens = new Map<string, number>(); // id → expiresAt (ms)
  let customers: Set<string> | undefined; // undefined: any code is known
  let materials: Map<string, Map<string, Decimal>> | undefined;
  let stats = emptyStats();
  let nextId = 100001;
  const timers = new Set<NodeJS.Timeout>();

  const roll = (pct: number) => pct > 0 && random() * 100 < pct;
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function seed(data: ErpSimulatorSeed): void {
    if (data.customers) customers = new Set(data.customers);
    if (data.materials) {
      materials = new Map();
      for (const { code, stock } of data.materials) {
        const byWarehouse = new Map<string, Decimal>();
        const entries = typeof stock === 'string' ? { CK001: stock } : (stock ?? {});
        for (const [warehouse, qty] of Object.entries(entries)) {
          byWarehouse.set(warehouse, new Decimal(qty));
        }
        materials.set(code, byWarehouse);
      }
    }
  }
  if (options.seed) seed(options.seed);

  const knownCustomer = (code: string) => !customers || customers.has(code);
  const knownMaterial = (code: string) => !materials || materials.has(code);

  function setFaults(input: ErpSimulatorFaultsInput): ErpSimulatorFaults {
    const { expireSessions, ...rest } = input;
    faults = { ...faults, ...rest };
    if (expireSessions) {
      k3Sessions.clear();
      u8Tokens.clear();
    }
    return faults;
  }

  function reset(): void {
    faults = { ...NO_FAULTS, ...options.faults };
    orders = [];
    k3Sessions.clear();
    u8Tokens.clear();
    customers = undefined;
    materials = undefined;
    if (options.seed) seed(options.seed);
    stats = emptyStats();
  }

  /** The master-data check both ERPs make before saving, in their words. */
  function masterDataError(
    customer: string,
    skus: string[],
    words: { customer: string; material: string; disabled: string },
  ): string | undefined {
    if (!knownCustomer(customer)) return `${words.customer}“${customer}”不存在`;
    if (faults.businessErrorFor.includes(customer))
      return `${words.customer}“${customer}”${words.disabled}`;
    for (const sku of skus) {
      if (!knownMaterial(sku)) return `${words.material}“${sku}”不存在`;
      if (faults.businessErrorFor.includes(sku))
        return `${words.material}“${sku}”${words.disabled}`;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- K3 Cloud

  function k3Status(errors: string[], msgCode: number, errorCode = 500) {
    return {
      Result: {
        ResponseStatus: {
          ErrorCode: errorCode,
          IsSuccess: false,
          Errors: errors.map((Message) => ({ FieldName: null, Message, DIndex: 0 })),
          SuccessEntitys: [],
          SuccessMessages: [],
          MsgCode: msgCode,
        },
      },
    };
  }

  function k3Session(req: IncomingMessage): boolean {
    const id = cookie(req.headers.cookie, 'kdservice-sessionid');
    return !!id && k3Sessions.has(id);
  }

  function k3Login(body: Record<string, unknown>): Reply {
    stats.k3Logins++;
    // ValidateUser also takes { parameters: [acctID, username, password, lcid] }.
    const params = Array.isArray(body.parameters) ? (body.parameters as unknown[]) : undefined;
    const [acctID, username, password] = params ?? [body.acctID, body.username, body.password];
    if (
      acctID !== k3Credentials.acctID ||
      username !== k3Credentials.username ||
      password !== k3Credentials.password
    ) {
      return {
        body: {
          Message: '用户名或密码错误！',
          MessageCode: 'CheckPasswordPolicy',
          LoginResultType: 0,
          Context: null,
          KDSVCSessionId: null,
          IsSuccessByAPI: false,
        },
      };
    }
    const sessionId = randomUUID();
    k3Sessions.add(sessionId);
    return {
      headers: {
        'set-cookie': [
          `kdservice-sessionid=${sessionId}; path=/; HttpOnly`,
          `ASP.NET_SessionId=${randomBytes(12).toString('hex')}; path=/; HttpOnly`,
        ],
      },
      body: {
        Message: null,
        MessageCode: 'CheckPasswordPolicy',
        LoginResultType: 1,
        Context: { UserName: username, DBid: acctID, LogLocale: 'zh-CN', UserLocale: 'zh-CN' },
        KDSVCSessionId: sessionId,
        IsSuccessByAPI: true,
      },
    };
  }

  function k3Save(body: Record<string, unknown>): { reply: Reply; wrote: boolean } {
    stats.k3Saves++;
    const formId = body.formid ?? body.FormId;
    const data = jsonOrObject(body.data) as { Model?: Record<string, unknown> } | undefined;
    if (formId !== 'SAL_SaleOrder') {
      return { reply: { body: k3Status([`业务对象“${String(formId)}”不存在`], 9) }, wrote: false };
    }
    const model = data?.Model;
    if (!model) return { reply: { body: k3Status(['参数 Model 不能为空'], 8) }, wrote: false };
    const billNo =
      typeof model.FBillNo === 'string' && model.FBillNo ? model.FBillNo : nextK3BillNo();
    const customer = fnumber(model.FCustId);
    const saleOrg = fnumber(model.FSaleOrgId);
    const entries = Array.isArray(model.FSaleOrderEntry)
      ? (model.FSaleOrderEntry as Record<string, unknown>[])
      : [];
    const errors: string[] = [];
    if (!customer) errors.push('字段“客户”是必填项');
    if (!saleOrg) errors.push('字段“销售组织”是必填项');
    if (!entries.length) errors.push('订单明细不能为空');
    if (orders.some((order) => order.erp === 'k3cloud' && order.number === billNo)) {
      errors.push(`单据编号“${billNo}”已经存在，不能重复保存`);
    }
    const lines = entries.map((entry) => ({
      sku: fnumber(entry.FMaterialId) ?? '',
      qty: String(entry.FQty as string | number),
      taxPrice: String(entry.FTaxPrice as string | number),
      taxRate: Number(entry.FEntryTaxRate ?? 0),
    }));
    if (!errors.length && customer) {
      const problem = masterDataError(
        customer,
        lines.map((line) => line.sku),
        { customer: '客户', material: '物料', disabled: '已禁用，不能保存' },
      );
      if (problem) errors.push(problem);
    }
    if (errors.length) return { reply: { body: k3Status(errors, 11) }, wrote: false };

    const id = String(nextId++);
    orders.push({
      erp: 'k3cloud',
      id,
      number: billNo,
      customer: customer!,
      date: typeof model.FDate === 'string' ? model.FDate : '',
      lines,
      createdAt: new Date().toISOString(),
    });
    return {
      wrote: true,
      reply: {
        body: {
          Result: {
            ResponseStatus: {
              IsSuccess: true,
              Errors: [],
              SuccessEntitys: [{ Id: Number(id), Number: billNo, DIndex: 0 }],
              SuccessMessages: [],
              MsgCode: 0,
            },
            Id: Number(id),
            Number: billNo,
            NeedReturnData: [{}],
          },
        },
      },
    };
  }

  let k3Serial = 0;
  function nextK3BillNo(): string {
    return `XSDD${String(++k3Serial).padStart(6, '0')}`;
  }

  function k3Query(body: Record<string, unknown>): Reply {
    stats.k3Queries++;
    const data = jsonOrObject(body.data) as Record<string, unknown> | undefined;
    const formId = data?.FormId;
    const keys = (typeof data?.FieldKeys === 'string' ? data.FieldKeys : '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean);
    const filter = typeof data?.FilterString === 'string' ? data.FilterString : '';
    const start = Number(data?.StartRow ?? 0) || 0;
    const limit = Number(data?.Limit ?? 0) || 2000;
    const fail = (message: string) => ({ body: [[k3Status([message], 8)]] });
    if (!keys.length) return fail('FieldKeys 不能为空');

    let records: Record<string, unknown>[];
    if (formId === 'SAL_SaleOrder') {
      const billNos = filterValues(filter, 'FBillNo');
      records = orders
        .filter((order) => order.erp === 'k3cloud')
        .filter((order) => !billNos || billNos.includes(order.number))
        .map((order) => ({
          FBillNo: order.number,
          FID: Number(order.id),
          FDate: `${order.date}T00:00:00`,
          'FCustId.FNumber': order.customer,
          FDocumentStatus: 'A',
        }));
    } else if (formId === 'STK_Inventory') {
      const skus = filterValues(filter, 'FMaterialId.FNumber');
      records = [];
      for (const [sku, byWarehouse] of materials ?? []) {
        if (skus && !skus.includes(sku)) continue;
        for (const [warehouse, qty] of byWarehouse) {
          records.push({
            'FMaterialId.FNumber': sku,
            'FStockId.FNumber': warehouse,
            FBaseQty: qty.toNumber(),
          });
        }
      }
    } else {
      return fail(`业务对象“${String(formId)}”不存在`);
    }
    const unknown = keys.find((key) => records.length && !(key in records[0]));
    if (unknown) return fail(`字段“${unknown}”不存在`);
    return {
      body: records
        .slice(start, start + limit)
        .map((record) => keys.map((key) => record[key] ?? null)),
    };
  }

  // -------------------------------------------------------------------- U8

  function u8Error(errcode: string, errmsg: string): Reply {
    return { body: { errcode, errmsg } };
  }

  function u8TokenOk(query: URLSearchParams): boolean {
    const expiresAt = u8Tokens.get(query.get('token') ?? '');
    return expiresAt !== undefined && Date.now() < expiresAt;
  }

  function u8Token(query: URLSearchParams): Reply {
    stats.u8Tokens++;
    if (
      query.get('from_account') !== u8Credentials.fromAccount ||
      query.get('app_key') !== u8Credentials.appKey ||
      query.get('app_secret') !== u8Credentials.appSecret
    ) {
      return u8Error(U8_ERRCODE_BAD_APP, 'app_key 或 app_secret 错误');
    }
    const id = randomBytes(16).toString('hex');
    u8Tokens.set(id, Date.now() + tokenTtl * 1000);
    return { body: { errcode: '0', errmsg: '', token: { id, expiresIn: tokenTtl } } };
  }

  function u8Add(
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): { reply: Reply; wrote: boolean } {
    stats.u8Adds++;
    const bizId = query.get('biz_id') ?? '';
    if (!bizId) return { reply: u8Error(U8_ERRCODE_BUSINESS, '缺少参数 biz_id'), wrote: false };
    if (query.get('sync') !== '1') {
      return {
        reply: u8Error(U8_ERRCODE_BUSINESS, '模拟器只支持同步新增（sync=1）'),
        wrote: false,
      };
    }
    const existing = orders.find((order) => order.erp === 'u8' && order.bizId === bizId);
    if (existing) {
      return {
        reply: { body: { errcode: '0', errmsg: '', id: existing.id, tradeid: bizId } },
        wrote: false,
      };
    }
    const saleorder = body.saleorder as Record<string, unknown> | undefined;
    if (!saleorder) return { reply: u8Error(U8_ERRCODE_BUSINESS, '缺少 saleorder'), wrote: false };
    const custcode = typeof saleorder.custcode === 'string' ? saleorder.custcode : '';
    const entries = Array.isArray(saleorder.entry)
      ? (saleorder.entry as Record<string, unknown>[])
      : [];
    const code =
      typeof saleorder.code === 'string' && saleorder.code ? saleorder.code : `${nextId}`;
    const lines = entries.map((entry) => ({
      sku: typeof entry.inventorycode === 'string' ? entry.inventorycode : '',
      qty: String(entry.quantity as string | number),
      taxPrice: String(entry.taxunitprice as string | number),
      taxRate: Number(entry.taxrate ?? 0),
    }));
    let problem: string | undefined;
    if (!custcode) problem = '客户编码 custcode 不能为空';
    else if (!entries.length) problem = '表体 entry 不能为空';
    else if (orders.some((order) => order.erp === 'u8' && order.number === code)) {
      problem = `单据号“${code}”重复`;
    } else {
      problem = masterDataError(
        custcode,
        lines.map((line) => line.sku),
        { customer: '客户编码', material: '存货编码', disabled: '已停用' },
      );
    }
    if (problem) return { reply: u8Error(U8_ERRCODE_BUSINESS, problem), wrote: false };

    const id = String(nextId++);
    orders.push({
      erp: 'u8',
      id,
      number: code,
      bizId,
      customer: custcode,
      date: typeof saleorder.date === 'string' ? saleorder.date : '',
      lines,
      createdAt: new Date().toISOString(),
    });
    return { reply: { body: { errcode: '0', errmsg: '', id, tradeid: bizId } }, wrote: true };
  }

  function u8Stock(query: URLSearchParams): Reply {
    stats.u8StockQueries++;
    const begin = query.get('invcode_begin');
    const end = query.get('invcode_end');
    const page = Math.max(1, Number(query.get('page_index') ?? 1) || 1);
    const perPage = Math.max(1, Number(query.get('rows_per_page') ?? 20) || 20);
    const rows = [];
    for (const [invcode, byWarehouse] of [...(materials ?? [])].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      if ((begin && invcode < begin) || (end && invcode > end)) continue;
      for (const [whcode, qty] of byWarehouse) {
        rows.push({
          whcode,
          whname: whcode,
          invcode,
          invname: invcode,
          qty: qty.toNumber(),
          availqty: qty.toNumber(),
        });
      }
    }
    return {
      body: {
        errcode: '0',
        errmsg: '',
        page_index: String(page),
        rows_per_page: String(perPage),
        row_count: String(rows.length),
        page_count: String(Math.max(1, Math.ceil(rows.length / perPage))),
        currentstock: rows.slice((page - 1) * perPage, page * perPage),
      },
    };
  }

  // ------------------------------------------------------------ the server

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname.replace(/\/+$/, '');
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, { status: 400, body: { error: 'the body is not JSON' } });
    }

    if (path.startsWith('/__sim')) return send(res, admin(req.method ?? 'GET', path, body));

    const route = erpRoute(req.method ?? 'GET', path);
    if (!route)
      return send(res, { status: 404, body: { error: `no route ${req.method} ${path}` } });

    if (faults.slowMs > 0) await delay(faults.slowMs);
    if (roll(faults.fail5xxPct)) {
      stats.faulted++;
      return send(res, { status: 503, body: 'Service Unavailable' });
    }
    if (roll(faults.resetPct)) {
      stats.faulted++;
      throw new HttpFault();
    }

    let result: { reply: Reply; wrote: boolean };
    switch (route) {
      case 'k3.login':
        result = { reply: k3Login(body), wrote: false };
        break;
      case 'k3.save':
        result = k3Session(req)
          ? k3Save(body)
          : { reply: { body: k3Status([K3_SESSION_LOST_MESSAGE], 1) }, wrote: false };
        break;
      case 'k3.query':
        result = {
          reply: k3Session(req)
            ? k3Query(body)
            : { body: [[k3Status([K3_SESSION_LOST_MESSAGE], 1)]] },
          wrote: false,
        };
        break;
      case 'u8.token':
        result = { reply: u8Token(url.searchParams), wrote: false };
        break;
      case 'u8.add':
        result = u8TokenOk(url.searchParams)
          ? u8Add(url.searchParams, body)
          : { reply: u8Error(U8_ERRCODE_TOKEN_INVALID, 'token 无效或已过期'), wrote: false };
        break;
      case 'u8.stock':
        result = {
          reply: u8TokenOk(url.searchParams)
            ? u8Stock(url.searchParams)
            : u8Error(U8_ERRCODE_TOKEN_INVALID, 'token 无效或已过期'),
          wrote: false,
        };
        break;
    }

    if (result.wrote && roll(faults.lostResponsePct)) {
      stats.faulted++;
      if (faults.lostResponseMode === '504')
        return send(res, { status: 504, body: 'Gateway Time-out' });
      throw new HttpFault();
    }
    if (result.wrote && faults.slowAfterWriteMs > 0) await delay(faults.slowAfterWriteMs);
    send(res, result.reply);
  }

  function admin(method: string, path: string, body: Record<string, unknown>): Reply {
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /__sim/faults':
        return { body: faults };
      case 'POST /__sim/faults':
        return { body: setFaults(body) };
      case 'GET /__sim/orders':
        return { body: { count: orders.length, items: orders } };
      case 'GET /__sim/stats':
        return { body: stats };
      case 'POST /__sim/reset':
        reset();
        return { body: { ok: true } };
      case 'POST /__sim/seed':
        seed(body);
        return {
          body: {
            ok: true,
            customers: customers?.size ?? 'any',
            materials: materials?.size ?? 'any',
          },
        };
      default:
        return { status: 404, body: { error: `no admin route ${route}` } };
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpFault) req.socket.destroy();
      else if (!res.headersSent) send(res, { status: 500, body: { error: String(error) } });
      else req.socket.destroy();
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    orders: () =>
      orders.map((order) => ({ ...order, lines: order.lines.map((line) => ({ ...line })) })),
    faults: () => ({ ...faults }),
    setFaults,
    seed,
    reset,
    stats: () => ({ ...stats }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function emptyStats(): ErpSimulatorStats {
  return {
    k3Logins: 0,
    k3Saves: 0,
    k3Queries: 0,
    u8Tokens: 0,
    u8Adds: 0,
    u8StockQueries: 0,
    faulted: 0,
  };
}

type ErpRoute = 'k3.login' | 'k3.save' | 'k3.query' | 'u8.token' | 'u8.add' | 'u8.stock';

function erpRoute(method: string, path: string): ErpRoute | undefined {
  if (method === 'POST' && path.endsWith(`/${K3.login}`)) return 'k3.login';
  if (method === 'POST' && path.endsWith(`/${K3.save}`)) return 'k3.save';
  if (method === 'POST' && path.endsWith(`/${K3.query}`)) return 'k3.query';
  if (method === 'GET' && path.endsWith('/system/token')) return 'u8.token';
  if (method === 'POST' && path.endsWith('/api/saleorder/add')) return 'u8.add';
  if (method === 'GET' && path.endsWith('/api/currentstock/batch_get')) return 'u8.stock';
  return undefined;
}

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'content-type':
      typeof reply.body === 'string'
        ? 'text/plain; charset=utf-8'
        : 'application/json; charset=utf-8',
    ...reply.headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** K3 takes `data` as an object or as a JSON string (older clients). */
function jsonOrObject(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function fnumber(value: unknown): string | undefined {
  const number = (value as { FNumber?: unknown } | null | undefined)?.FNumber;
  return typeof number === 'string' && number ? number : undefined;
}

/**
 * The values a FilterString compares `field` with: `field = 'a'` or
 * `field IN ('a','b')` (quotes doubled inside). Undefined: no condition on it.
 */
export function filterValues(filter: string, field: string): string[] | undefined {
  const escaped = field.replace(/\./g, '\\.');
  const literal = "'((?:[^']|'')*)'";
  const equals = new RegExp(`${escaped}\\s*=\\s*${literal}`, 'i').exec(filter);
  if (equals) return [equals[1].replace(/''/g, "'")];
  const list = new RegExp(`${escaped}\\s+IN\\s*\\(([^)]*)\\)`, 'i').exec(filter);
  if (list) {
    return [...list[1].matchAll(new RegExp(literal, 'g'))].map((match) =>
      match[1].replace(/''/g, "'"),
    );
  }
  return undefined;
}

/** Faults from the environment (ERP_SIM_*), for `npm run erp:simulator`. */
export function faultsFromEnv(env: NodeJS.ProcessEnv): Partial<ErpSimulatorFaults> {
  const faults: Partial<ErpSimulatorFaults> = {};
  const number = (name: string) => (env[name] === undefined ? undefined : Number(env[name]));
  const fail5xx = number('ERP_SIM_FAIL5XX_PCT');
  const reset = number('ERP_SIM_RESET_PCT');
  const lost = number('ERP_SIM_LOST_RESPONSE_PCT');
  const slow = number('ERP_SIM_SLOW_MS');
  const slowAfterWrite = number('ERP_SIM_SLOW_AFTER_WRITE_MS');
  if (fail5xx !== undefined) faults.fail5xxPct = fail5xx;
  if (reset !== undefined) faults.resetPct = reset;
  if (lost !== undefined) faults.lostResponsePct = lost;
  if (slow !== undefined) faults.slowMs = slow;
  if (slowAfterWrite !== undefined) faults.slowAfterWriteMs = slowAfterWrite;
  const mode = env.ERP_SIM_LOST_RESPONSE_MODE;
  if (mode === 'reset' || mode === '504') faults.lostResponseMode = mode;
  if (env.ERP_SIM_BUSINESS_ERROR_FOR) {
    faults.businessErrorFor = env.ERP_SIM_BUSINESS_ERROR_FOR.split(',')
      .map((code) => code.trim())
      .filter(Boolean);
  }
  for (const [key, value] of Object.entries(faults)) {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error(`ERP_SIM: ${key} is not a number`);
  }
  return faults;
}
