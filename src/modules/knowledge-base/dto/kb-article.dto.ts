import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { TagList, Trimmed } from '../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid, ApiUuids } from '../../../core/openapi/api-formats';
import {
  ARTICLE_SOURCES,
  ARTICLE_STATUSES,
  ArticleSource,
  ArticleStatus,
  MAX_BODY_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
} from '../domain/knowledge-base';
import { ARTICLE_LIST } from '../kb-articles.repository';

/** Tags: each trimmed, none blank or twice. */
const ArticleTags = () =>
  applyDecorators(
    ApiProperty({ type: String, isArray: true, example: ['交期', '订单'] }),
    TagList(),
    IsArray(),
    ArrayMaxSize(MAX_TAGS),
    ArrayUnique(),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(MAX_TAG_LENGTH, { each: true }),
  );

export class CreateArticleDto {
  /** e.g. `交期查询流程`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(MAX_TITLE_LENGTH) title: string;

  /** The text, plain or Markdown. */
  @IsString() @MinLength(1) @MaxLength(MAX_BODY_LENGTH) body: string;

  /** Up to 20 tags of at most 30 characters; `?tag=` filters on them. */
  @ArticleTags()
  tags: string[];
}

export class UpdateArticleDto {
  @IsOptional() @Trimmed() @IsString() @MinLength(1) @MaxLength(MAX_TITLE_LENGTH) title?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(MAX_BODY_LENGTH) body?: string;

  @ApiPropertyOptional({ type: String, isArray: true })
  @IsOptional()
  @ArticleTags()
  tags?: string[];

  /** `published` publishes a draft (e.g. an auto_faq one); a published article stays published. */
  @ApiPropertyOptional({ enum: ['published'] })
  @IsOptional()
  @IsIn(['published'])
  status?: 'published';
}

export class ArticleQueryDto extends ListQueryDto(ARTICLE_LIST) {
  @AnyOf({ enum: ARTICLE_STATUSES }, 'Articles in any of these states; drafts only for editors.')
  status?: ArticleStatus[];

  @AnyOf({ enum: ARTICLE_SOURCES }, 'Articles of any of these sources.')
  source?: ArticleSource[];

  @AnyOf({ maxLength: MAX_TAG_LENGTH }, 'Articles carrying any of these tags.')
  tag?: string[];

  /**
   * Full-text search over title, tags and body: the query is cut into words
   * by jieba, as the articles were, and an article matches when it holds
   * every word (e.g. `交期`, `专票 开具`). A query of stop words only
   * (`的`, `请问`) matches nothing. The order stays `sort`'s.
   */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
}

export class ArticleResponse {
  @ApiUuid() id: string;
  title: string;
  body: string;
  tags: string[];
  @ApiProperty({ enum: ARTICLE_STATUSES }) status: ArticleStatus;
  @ApiProperty({ enum: ARTICLE_SOURCES }) source: ArticleSource;
  /** The tickets an auto_faq draft was drafted from; empty for manual articles. */
  @ApiUuids() exampleTicketIds: string[];
  /** Its author; null for an API key or the auto_faq drafter. */
  @ApiUuid() createdBy: string | null;
  /** When it was first published; null for a draft. */
  @ApiTime() publishedAt: string | null;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class ArticlePage extends PageOf(ArticleResponse) {}

/** The caller's read receipt: the first time they read the article. */
export class ReadReceiptResponse {
  @ApiUuid() articleId: string;
  @ApiUuid() userId: string;
  @ApiTime() readAt: string;
}
