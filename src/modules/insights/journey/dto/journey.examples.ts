import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { JourneyPage } from './journey.dto';

/** 杭州精工配件有限公司 from a website visit to a signed contract, newest first. */
export const JOURNEY_PAGE_EXAMPLE: JourneyPage = {
  items: [
    {
      at: '2026-12-06T02:30:00.000Z',
      kind: 'contract',
      summary: '合同 HT-2026-000123 签订：¥4,776.00（报价 Q-2026-000123）',
      refId: EXAMPLE_IDS.contract,
    },
    {
      at: '2026-12-05T09:12:40.000Z',
      kind: 'approval',
      summary: '审批（主管）：通过报价 Q-2026-000123 第 2 版',
      refId: EXAMPLE_IDS.approvalStep,
    },
    {
      at: '2026-12-05T08:01:15.000Z',
      kind: 'quote',
      summary: '报价 Q-2026-000123 第 2 版提交审批',
      refId: EXAMPLE_IDS.quote,
    },
    {
      at: '2026-12-05T08:00:02.000Z',
      kind: 'quote_version',
      summary: '报价 Q-2026-000123 第 2 版：¥4,776.00',
      refId: EXAMPLE_IDS.quote,
    },
    {
      at: '2026-12-05T02:30:00.000Z',
      kind: 'follow_up',
      summary: '跟进（拜访）：客户提到价格、账期、竞品异议',
      refId: EXAMPLE_IDS.followUp,
    },
    {
      at: '2026-12-04T01:20:00.000Z',
      kind: 'signal',
      summary: '信号：官网访问 3 次',
      refId: '1042',
    },
  ],
  nextCursor: 'WyIyMDI2LTEyLTA0VDAxOjIwOjAwLjAwMFoiLCJzaWduYWwiLCIxMDQyIiwiMCJd',
};
