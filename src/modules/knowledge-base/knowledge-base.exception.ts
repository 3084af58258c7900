import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const KnowledgeBaseErrorCode = {
  KB_ARTICLES_NOT_PUBLISHED: 'KB_ARTICLES_NOT_PUBLISHED',
  KB_READER_REQUIRED: 'KB_READER_REQUIRED',
} as const;

/** The knowledge base's messages (API.md §9), in English and Chinese. */
export const knowledgeBaseMessages = catalogue({
  article: { en: 'Knowledge-base article', zh: '知识库文章' },
  push: { en: 'Knowledge-base push', zh: '知识库推送' },
  articlesOrAutoFaq: {
    en: 'give either articleIds or source "auto_faq", not both and not neither',
    zh: 'articleIds 与 source "auto_faq" 必须二选一',
  },
  articlesNotPublished: (ids: readonly string[]) => ({
    en: `These articles do not exist or are not published: ${ids.join(', ')}`,
    zh: `以下文章不存在或尚未发布：${ids.join(', ')}`,
  }),
  notPublishedField: {
    en: 'must list published articles only',
    zh: '只能包含已发布的文章',
  },
  readerRequired: {
    en: 'A read receipt is a person’s: an API key reads for no one',
    zh: '阅读回执属于个人：API 密钥不能代表任何人阅读',
  },
});

/** 422: a push may only send articles that exist and are published. */
export class ArticlesNotPublishedException extends DomainException {
  constructor(ids: string[]) {
    super(
      'unprocessable',
      KnowledgeBaseErrorCode.KB_ARTICLES_NOT_PUBLISHED,
      knowledgeBaseMessages.articlesNotPublished(ids),
      {
        errors: [{ field: 'articleIds', message: knowledgeBaseMessages.notPublishedField }],
        extensions: { articleIds: ids },
      },
    );
  }
}

/** 422: read receipts belong to users; an API key has no user to record. */
export class ReaderRequiredException extends DomainException {
  constructor() {
    super(
      'unprocessable',
      KnowledgeBaseErrorCode.KB_READER_REQUIRED,
      knowledgeBaseMessages.readerRequired,
    );
  }
}
