import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { TodoPage, TodoResponse, UpdateTodoDto } from './todo.dto';

/** The owner's half of a silent-period alert: 80 hours without a touch, threshold 72. */
export const TODO_EXAMPLE: TodoResponse = {
  id: EXAMPLE_IDS.todo,
  type: 'silent_period',
  assigneeId: EXAMPLE_IDS.rep,
  customerId: EXAMPLE_IDS.customer,
  title: '客户「陈建国」已 80 小时未互动，请尽快跟进',
  payload: {
    customerName: '陈建国',
    tags: ['只接受月结', '倾向视频演示'],
    silentHours: 80,
    silentSince: '2026-12-02T18:30:00.000Z',
    thresholdHours: 72,
    ownerId: EXAMPLE_IDS.rep,
    role: 'owner',
  },
  dueAt: null,
  status: 'open',
  resolution: null,
  note: null,
  createdAt: '2026-12-06T02:30:00.000Z',
  completedAt: null,
  updatedAt: '2026-12-06T02:30:00.000Z',
  version: 1,
};

/** A playbook pushed by a trigger rule, due 24 h after the evaluation. */
const TRIGGERED_TODO_EXAMPLE: TodoResponse = {
  id: '3f5b7d9e-1a3c-4e5f-9b7d-1e3a5c7e9f1b',
  type: 'trigger_playbook',
  assigneeId: EXAMPLE_IDS.rep,
  customerId: EXAMPLE_IDS.customer,
  title: '客户「陈建国」网站访问增长 45%：推送竞品对比《工业配件竞品对比话术包》',
  payload: {
    ruleId: EXAMPLE_IDS.triggerRule,
    ruleName: '官网访问量突增30%推送竞品对比',
    signalType: 'web_visit',
    windowDays: 7,
    currentCount: 29,
    previousCount: 20,
    growthPct: 45,
    playbook: {
      id: EXAMPLE_IDS.playbook,
      title: '工业配件竞品对比话术包',
      kind: 'competitor_comparison',
      attachmentIds: [EXAMPLE_IDS.attachment],
    },
  },
  dueAt: '2026-12-07T01:00:00.000Z',
  status: 'open',
  resolution: null,
  note: null,
  createdAt: '2026-12-06T01:00:00.000Z',
  completedAt: null,
  updatedAt: '2026-12-06T01:00:00.000Z',
  version: 1,
};

export const TODO_PAGE_EXAMPLE: TodoPage = {
  items: [TODO_EXAMPLE, TRIGGERED_TODO_EXAMPLE],
  nextCursor: null,
};

export const UPDATE_TODO_EXAMPLE: UpdateTodoDto = { status: 'done' };

export const DONE_TODO_EXAMPLE: TodoResponse = {
  ...TODO_EXAMPLE,
  status: 'done',
  completedAt: '2026-12-06T03:05:00.000Z',
  updatedAt: '2026-12-06T03:05:00.000Z',
  version: 2,
};
