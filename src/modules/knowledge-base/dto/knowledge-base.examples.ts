import { EXAMPLE_TIME } from '../../../core/openapi/api-formats';
import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import {
  ArticlePage,
  ArticleResponse,
  CreateArticleDto,
  ReadReceiptResponse,
  UpdateArticleDto,
} from './kb-article.dto';
import {
  CreatePushDto,
  PushJobRunResponse,
  PushPage,
  PushResponse,
  PushRunResponse,
  PushStatsResponse,
} from './kb-push.dto';

/** The supervisor's how-to for the question reps hear most. */
export const CREATE_ARTICLE_EXAMPLE: CreateArticleDto = {
  title: '交期查询流程',
  body: '客户询问交期时：先在订单页查看 ERP 同步的预计到货日期；无日期的订单，联系仓库确认库存后 2 小时内回复客户。',
  tags: ['交期', '订单'],
};

export const UPDATE_ARTICLE_EXAMPLE: UpdateArticleDto = { status: 'published' };

export const ARTICLE_EXAMPLE: ArticleResponse = {
  id: EXAMPLE_IDS.kbArticle,
  ...CREATE_ARTICLE_EXAMPLE,
  status: 'published',
  source: 'manual',
  exampleTicketIds: [],
  createdBy: EXAMPLE_IDS.supervisor,
  publishedAt: EXAMPLE_TIME,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  version: 1,
};

export const ARTICLE_PAGE_EXAMPLE: ArticlePage = { items: [ARTICLE_EXAMPLE], nextCursor: null };

export const READ_RECEIPT_EXAMPLE: ReadReceiptResponse = {
  articleId: EXAMPLE_IDS.kbArticle,
  userId: EXAMPLE_IDS.rep,
  readAt: EXAMPLE_TIME,
};

/** Fridays at 17:00 in Shanghai, to the reps and store managers. */
export const CREATE_PUSH_EXAMPLE: CreatePushDto = {
  cron: '0 17 * * 5',
  timezone: 'Asia/Shanghai',
  articleIds: [EXAMPLE_IDS.kbArticle],
  audienceRoles: ['rep', 'store_manager'],
};

export const PUSH_EXAMPLE: PushResponse = {
  id: EXAMPLE_IDS.kbPush,
  cron: '0 17 * * 5',
  timezone: 'Asia/Shanghai',
  articleIds: [EXAMPLE_IDS.kbArticle],
  source: 'manual',
  audienceRoles: ['rep', 'store_manager'],
  nextRunAt: '2026-12-11T09:00:00.000Z',
  active: true,
  createdBy: EXAMPLE_IDS.supervisor,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  version: 1,
};

export const PUSH_PAGE_EXAMPLE: PushPage = { items: [PUSH_EXAMPLE], nextCursor: null };

export const PUSH_RUN_EXAMPLE: PushRunResponse = {
  runId: EXAMPLE_IDS.kbPushRun,
  pushId: EXAMPLE_IDS.kbPush,
  ranAt: EXAMPLE_TIME,
  trigger: 'manual',
  delivered: 12,
  articleIds: [EXAMPLE_IDS.kbArticle],
};

export const PUSH_STATS_EXAMPLE: PushStatsResponse = {
  pushId: EXAMPLE_IDS.kbPush,
  runs: [
    {
      runId: EXAMPLE_IDS.kbPushRun,
      ranAt: EXAMPLE_TIME,
      delivered: 12,
      read: 7,
      completionPct: 58.33,
    },
  ],
};

export const PUSH_JOB_RUN_EXAMPLE: PushJobRunResponse = {
  runs: [{ ...PUSH_RUN_EXAMPLE, trigger: 'scheduled' }],
};
