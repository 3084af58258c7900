import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import {
  CreateErpConnectionDto,
  ErpConnectionPage,
  ErpConnectionResponse,
  UpdateErpConnectionDto,
} from './erp-connection.dto';

export const CREATE_ERP_CONNECTION_EXAMPLE: CreateErpConnectionDto = {
  name: '金蝶云星空（生产）',
  kind: 'k3cloud',
  baseUrl: 'https://erp.example.com/K3Cloud',
  credentials: { acctID: '6523a1b2c3d4e5', username: '接口用户', password: 'Kd#2026!example' },
  defaults: { saleOrgNumber: '100', billTypeNumber: 'XSDD01_SYS', currencyNumber: 'PRE001' },
  active: true,
  timeoutMs: 15000,
};

/** The credentials are not there: only when they were set. */
export const ERP_CONNECTION_EXAMPLE: ErpConnectionResponse = {
  id: EXAMPLE_IDS.erpConnection,
  name: '金蝶云星空（生产）',
  kind: 'k3cloud',
  baseUrl: 'https://erp.example.com/K3Cloud',
  defaults: { saleOrgNumber: '100', billTypeNumber: 'XSDD01_SYS', currencyNumber: 'PRE001' },
  active: true,
  timeoutMs: 15000,
  credentialsSetAt: '2026-12-01T02:00:00.000Z',
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  version: 1,
};

/** A new password for the integration user, and a longer timeout. */
export const UPDATE_ERP_CONNECTION_EXAMPLE: UpdateErpConnectionDto = {
  credentials: { acctID: '6523a1b2c3d4e5', username: '接口用户', password: 'Kd#2027!rotated' },
  timeoutMs: 30000,
};

export const UPDATED_ERP_CONNECTION_EXAMPLE: ErpConnectionResponse = {
  ...ERP_CONNECTION_EXAMPLE,
  timeoutMs: 30000,
  credentialsSetAt: '2026-12-06T02:30:00.000Z',
  updatedAt: '2026-12-06T02:30:00.000Z',
  version: 2,
};

export const ERP_CONNECTION_PAGE_EXAMPLE: ErpConnectionPage = {
  items: [ERP_CONNECTION_EXAMPLE],
  nextCursor: null,
};
