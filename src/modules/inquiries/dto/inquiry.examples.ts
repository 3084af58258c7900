import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { CreateInquiryDto, InquiryPage, InquiryResponse } from './inquiry.dto';

/** The example inquiry's id (kept here rather than in EXAMPLE_IDS, which every module shares). */
const INQUIRY_ID = '3c5e7a9b-1d3f-4e5a-8b7c-9d1e3f5a7b9c';

export const CREATE_INQUIRY_EXAMPLE: CreateInquiryDto = {
  name: '陈建国',
  phone: '138 0013 8000',
  channel: 'web',
  receivedAt: '2026-12-06T10:30:00+08:00',
  content: '官网留言：想了解 6205 深沟球轴承 2000 套的批量价格和交期，能否月结？',
};

export const INQUIRY_EXAMPLE: InquiryResponse = {
  id: INQUIRY_ID,
  customerId: EXAMPLE_IDS.customer,
  channel: 'web',
  receivedAt: '2026-12-06T02:30:00.000Z',
  content: '官网留言：想了解 6205 深沟球轴承 2000 套的批量价格和交期，能否月结？',
  createdBy: null,
  createdAt: '2026-12-06T02:30:05.000Z',
};

export const INQUIRY_PAGE_EXAMPLE: InquiryPage = { items: [INQUIRY_EXAMPLE], nextCursor: null };
