import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { ERP_SYNC_EXAMPLE } from '../../erp-sync/dto/erp-sync-job.examples';
import { ContractResponse, SignContractDto } from './contract.dto';
import { CreateOrderDto, OrderPage, OrderResponse } from './order.dto';

export const SIGN_CONTRACT_EXAMPLE: SignContractDto = {
  contractNo: 'HT-2026-000123',
  signedAt: '2026-12-06T10:30:00+08:00',
};

export const CONTRACT_EXAMPLE: ContractResponse = {
  id: EXAMPLE_IDS.contract,
  contractNo: 'HT-2026-000123',
  quoteId: EXAMPLE_IDS.quote,
  quoteVersion: 2,
  customerId: EXAMPLE_IDS.customer,
  orderId: EXAMPLE_IDS.order,
  amount: '4776.00',
  amountWithTax: '5396.88',
  signedAt: '2026-12-06T02:30:00.000Z',
  erpOrderNo: null,
  erpSync: ERP_SYNC_EXAMPLE,
  createdAt: '2026-12-06T02:30:00.000Z',
};

export const CREATE_ORDER_EXAMPLE: CreateOrderDto = {
  customerId: EXAMPLE_IDS.customer,
  storeId: EXAMPLE_IDS.store,
  amount: '1288.00',
  orderedAt: '2026-12-06T10:30:00+08:00',
  lines: [
    { sku: 'BRG-6205-2RS', qty: '20', unitPrice: '42.00' },
    { sku: 'SEL-TC-45X62X8', qty: '40', unitPrice: '11.20' },
  ],
};

export const ORDER_EXAMPLE: OrderResponse = {
  id: EXAMPLE_IDS.order,
  customerId: EXAMPLE_IDS.customer,
  storeId: EXAMPLE_IDS.store,
  contractId: null,
  amount: '1288.00',
  orderedAt: '2026-12-06T02:30:00.000Z',
  lines: CREATE_ORDER_EXAMPLE.lines!,
  createdAt: '2026-12-06T02:30:05.000Z',
  updatedAt: '2026-12-06T02:30:05.000Z',
};

export const ORDER_PAGE_EXAMPLE: OrderPage = { items: [ORDER_EXAMPLE], nextCursor: null };
