import type { Role } from '../../../core/auth/roles';

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** `manual`: written by a person; `auto_faq`: drafted from the week's ticket questions. */
export const ARTICLE_SOURCES = ['manual', 'auto_faq'] as const;
export type ArticleSource = (typeof ARTICLE_SOURCES)[number];

/** How a push run started: by the scheduler at its `nextRunAt`, or by `POST /kb/pushes/:id/run`. */
export const RUN_TRIGGERS = ['scheduled', 'manual'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * Who curates the knowledge base: writes and publishes articles, reads drafts,
 * and creates, runs and measures pushes. Those who coach people (supervisors,
 * store managers) and those above them; reps, finance and integrators read.
 */
export const KB_EDITOR_ROLES: Role[] = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
];

export const isEditor = (roles: readonly Role[]) =>
  roles.some((role) => KB_EDITOR_ROLES.includes(role));

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 30;
export const MAX_TITLE_LENGTH = 200;
export const MAX_BODY_LENGTH = 50_000;
export const MAX_PUSH_ARTICLES = 50;
