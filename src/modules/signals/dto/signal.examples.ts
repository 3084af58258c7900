import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { IngestSignalsDto, IngestSignalsResponse } from './signal.dto';
import {
  CreateTriggerRuleDto,
  EvaluationResponse,
  TriggerRulePage,
  TriggerRuleResponse,
} from './trigger-rule.dto';

/** What an ERP or marketing integration sends: one signal by id, one by phone. */
export const INGEST_SIGNALS_EXAMPLE: IngestSignalsDto = {
  signals: [
    {
      customerId: EXAMPLE_IDS.customer,
      type: 'web_visit',
      count: 12,
      at: '2026-12-05T09:00:00+08:00',
    },
    { phone: '138 0013 8000', type: 'wechat_read', at: '2026-12-05T09:20:00+08:00' },
  ],
};

export const INGEST_SIGNALS_RESULT_EXAMPLE: IngestSignalsResponse = { accepted: 2, unmatched: 0 };

/** 官网访问量突增 30%: push the competitor comparison. */
export const CREATE_TRIGGER_RULE_EXAMPLE: CreateTriggerRuleDto = {
  name: '官网访问量突增30%推送竞品对比',
  signalType: 'web_visit',
  growthPct: 30,
  windowDays: 7,
  minCount: 5,
  playbookId: EXAMPLE_IDS.playbook,
};

export const TRIGGER_RULE_EXAMPLE: TriggerRuleResponse = {
  id: EXAMPLE_IDS.triggerRule,
  name: '官网访问量突增30%推送竞品对比',
  signalType: 'web_visit',
  growthPct: 30,
  windowDays: 7,
  minCount: 5,
  playbookId: EXAMPLE_IDS.playbook,
  createdBy: EXAMPLE_IDS.supervisor,
  createdAt: '2026-11-25T08:10:00.000Z',
};

export const TRIGGER_RULE_PAGE_EXAMPLE: TriggerRulePage = {
  items: [TRIGGER_RULE_EXAMPLE],
  nextCursor: null,
};

export const EVALUATION_EXAMPLE: EvaluationResponse = { rules: 3, created: 2 };
