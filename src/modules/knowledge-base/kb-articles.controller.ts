import { Body, Controller, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { KB_EDITOR_ROLES } from './domain/knowledge-base';
import {
  ArticlePage,
  ArticleQueryDto,
  ArticleResponse,
  CreateArticleDto,
  ReadReceiptResponse,
  UpdateArticleDto,
} from './dto/kb-article.dto';
import {
  ARTICLE_EXAMPLE,
  ARTICLE_PAGE_EXAMPLE,
  CREATE_ARTICLE_EXAMPLE,
  READ_RECEIPT_EXAMPLE,
  UPDATE_ARTICLE_EXAMPLE,
} from './dto/knowledge-base.examples';
import { KbArticlesService } from './kb-articles.service';

/**
 * The knowledge base's articles: editors (admins, directors but finance,
 * supervisors, store managers) write them; everyone reads the published ones.
 */
@ApiTags('knowledge-base')
@Controller('kb/articles')
export class KbArticlesController {
  constructor(private readonly articles: KbArticlesService) {}

  /** Write an article; it is published at once, source `manual`. Audited */
  @Post()
  @Created('kb/articles/{id}')
  @Roles(...KB_EDITOR_ROLES)
  @ApiExamples({ request: CREATE_ARTICLE_EXAMPLE, response: ARTICLE_EXAMPLE })
  create(
    @Body() body: CreateArticleDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ArticleResponse> {
    return this.articles.create(principal, body);
  }

  /**
   * List and search articles, newest first
   *
   * Editors see drafts too; everyone else sees the published articles and the
   * drafts a push delivered to them. `q` searches title, tags and body
   * (Chinese is cut into words by jieba, see docs/knowledge-base.md).
   */
  @Get()
  @AnyRole()
  @ApiExamples({ response: ARTICLE_PAGE_EXAMPLE })
  list(
    @Query() query: ArticleQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ArticlePage> {
    return this.articles.list(principal, query);
  }

  /** Read an article; a draft is 404 to a non-editor it was not pushed to */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: ARTICLE_EXAMPLE })
  get(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<ArticleResponse> {
    return this.articles.get(principal, id);
  }

  /**
   * Edit or publish an article
   *
   * `status: "published"` publishes a draft, such as an auto_faq one; a
   * published article is never taken back to draft. The search terms follow
   * the new text. `If-Match: <version>` guards against lost updates. Audited.
   */
  @Patch(':id')
  @Roles(...KB_EDITOR_ROLES)
  @ApiProblems(404, 409)
  @ApiExamples({ request: UPDATE_ARTICLE_EXAMPLE, response: ARTICLE_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateArticleDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ArticleResponse> {
    return this.articles.update(principal, id, body, version);
  }

  /**
   * Record that the caller read the article
   *
   * Idempotent: the first call records the receipt, and every call answers
   * it, with the first `readAt`. Push stats count these receipts. An API key
   * reads for no one: 422 KB_READER_REQUIRED.
   */
  @Post(':id/read')
  @AnyRole()
  @HttpCode(200)
  @ApiProblems(404, 422)
  @ApiExamples({ response: READ_RECEIPT_EXAMPLE })
  read(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReadReceiptResponse> {
    return this.articles.read(principal, id);
  }
}
