import { EXAMPLE_CURSOR, EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  CreateCustomerDto,
  CustomerPage,
  CustomerResponse,
  TransferCustomerDto,
  UpdateCustomerDto,
} from './customer.dto';

/** As a rep types it on a phone: spaces in the number, which the API normalises. */
export const CREATE_CUSTOMER_EXAMPLE: CreateCustomerDto = {
  name: '陈建国',
  phone: '139 5700 0161',
  segment: 'b2b',
  company: '杭州精工配件有限公司',
  city: '杭州',
  tags: ['只接受月结', '倾向视频演示'],
  purchaseFrequency: 2.5,
  avgOrderValue: '12800.00',
  customFields: { buyer: '陈建国', industry: '工业配件' },
};

export const CUSTOMER_EXAMPLE: CustomerResponse = {
  id: EXAMPLE_IDS.customer,
  name: '陈建国',
  phone: '+8613957000161',
  phoneMasked: false,
  segment: 'b2b',
  company: '杭州精工配件有限公司',
  city: '杭州',
  tags: ['只接受月结', '倾向视频演示'],
  purchaseFrequency: 2.5,
  avgOrderValue: '12800.00',
  ownerId: EXAMPLE_IDS.rep,
  storeId: null,
  erpCode: null,
  customFields: { buyer: '陈建国', industry: '工业配件' },
  stage: 'contacted',
  lastInteractionAt: '2026-12-05T02:30:00.000Z',
  createdAt: '2026-11-20T06:12:00.000Z',
  updatedAt: '2026-12-05T02:30:00.000Z',
  version: 3,
};

/** What a rep sees of a pool customer: the phone masked until it claims it. */
const POOL_CUSTOMER_EXAMPLE: CustomerResponse = {
  ...CUSTOMER_EXAMPLE,
  id: '2c4e6a8c-0e2a-4c6e-8a0c-4e6a8c0e2a4c',
  name: '刘芳',
  phone: '+86138****8000',
  phoneMasked: true,
  segment: 'b2c',
  company: null,
  city: '苏州',
  tags: ['倾向视频演示'],
  purchaseFrequency: null,
  avgOrderValue: null,
  ownerId: null,
  customFields: {},
  stage: 'lead',
  lastInteractionAt: null,
  createdAt: '2026-11-18T03:05:00.000Z',
  updatedAt: '2026-11-18T03:05:00.000Z',
  version: 1,
};

export const CUSTOMER_PAGE_EXAMPLE: CustomerPage = {
  items: [CUSTOMER_EXAMPLE, POOL_CUSTOMER_EXAMPLE],
  nextCursor: EXAMPLE_CURSOR,
};

export const UPDATE_CUSTOMER_EXAMPLE: UpdateCustomerDto = {
  tags: ['只接受月结', '倾向视频演示', '关注交期'],
  avgOrderValue: '15600.00',
};

export const UPDATED_CUSTOMER_EXAMPLE: CustomerResponse = {
  ...CUSTOMER_EXAMPLE,
  tags: ['只接受月结', '倾向视频演示', '关注交期'],
  avgOrderValue: '15600.00',
  updatedAt: '2026-12-05T03:00:00.000Z',
  version: 4,
};

export const CLAIMED_CUSTOMER_EXAMPLE: CustomerResponse = {
  ...POOL_CUSTOMER_EXAMPLE,
  phone: '+8613800138000',
  phoneMasked: false,
  ownerId: EXAMPLE_IDS.rep,
  updatedAt: '2026-12-05T03:10:00.000Z',
  version: 2,
};

export const RELEASED_CUSTOMER_EXAMPLE: CustomerResponse = {
  ...CUSTOMER_EXAMPLE,
  ownerId: null,
  updatedAt: '2026-12-05T03:20:00.000Z',
  version: 4,
};

export const TRANSFER_CUSTOMER_EXAMPLE: TransferCustomerDto = { toUserId: EXAMPLE_IDS.supervisor };

export const TRANSFERRED_CUSTOMER_EXAMPLE: CustomerResponse = {
  ...CUSTOMER_EXAMPLE,
  ownerId: EXAMPLE_IDS.supervisor,
  updatedAt: '2026-12-05T03:30:00.000Z',
  version: 4,
};
