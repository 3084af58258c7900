import { EXAMPLE_TIME } from '../../../core/openapi/api-formats';
import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  AlertEvaluationResponse,
  AlertRulePage,
  AlertRuleResponse,
  CreateAlertRuleDto,
  UpdateAlertRuleDto,
} from './alert-rule.dto';

/** The chain's rule: a store under 65 % weekly repurchase alerts its manager, copied to ops. */
export const CREATE_ALERT_RULE_EXAMPLE: CreateAlertRuleDto = {
  name: '门店周复购率低于65%',
  metric: 'repurchase_rate',
  scope: 'store',
  comparator: 'lt',
  threshold: 65,
  notifyRoles: ['store_manager'],
  ccRoles: ['ops_director'],
  playbookId: EXAMPLE_IDS.playbook,
};

export const UPDATE_ALERT_RULE_EXAMPLE: UpdateAlertRuleDto = { threshold: 60 };

export const ALERT_RULE_EXAMPLE: AlertRuleResponse = {
  id: EXAMPLE_IDS.alertRule,
  version: 1,
  name: '门店周复购率低于65%',
  metric: 'repurchase_rate',
  scope: 'store',
  comparator: 'lt',
  threshold: 65,
  notifyRoles: ['store_manager'],
  ccRoles: ['ops_director'],
  playbookId: EXAMPLE_IDS.playbook,
  reachOrgUnitId: null,
  createdBy: EXAMPLE_IDS.admin,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
};

export const ALERT_RULE_PAGE_EXAMPLE: AlertRulePage = {
  items: [ALERT_RULE_EXAMPLE],
  nextCursor: null,
};

export const ALERT_EVALUATION_EXAMPLE: AlertEvaluationResponse = {
  week: '2026-W49',
  rules: 3,
  breaches: 1,
  todosCreated: 1,
  notificationsCreated: 1,
};
