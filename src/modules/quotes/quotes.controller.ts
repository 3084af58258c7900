import { Body, Controller, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { VersionParam } from '../../core/http/version-param.decorator';
import { RequestLanguage } from '../../core/i18n/request-language';
import { Language } from '../../core/i18n/text';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { QuoteApprovalResponse } from './dto/approval.dto';
import {
  CreateQuoteDto,
  LoseQuoteDto,
  QuotePage,
  QuoteQueryDto,
  QuoteResponse,
  QuoteVersionList,
  QuoteVersionResponse,
  UpdateQuoteDto,
} from './dto/quote.dto';
import {
  CREATE_QUOTE_EXAMPLE,
  LOSE_QUOTE_EXAMPLE,
  LOST_QUOTE_EXAMPLE,
  PENDING_APPROVAL_EXAMPLE,
  QUOTE_EXAMPLE,
  QUOTE_PAGE_EXAMPLE,
  QUOTE_VERSION_EXAMPLE,
  QUOTE_VERSIONS_EXAMPLE,
  SUBMITTED_QUOTE_EXAMPLE,
  UPDATE_QUOTE_EXAMPLE,
  UPDATED_QUOTE_EXAMPLE,
} from './dto/quote.examples';
import { ApprovalsService } from './approvals.service';
import { QuotesService } from './quotes.service';

/**
 * Who may quote, edit, submit and lose quotes: the customer's owner and the
 * owner's superiors (API.md §5). Finance BPs and integrators see every quote
 * but make none; the data scope decides whose customers each may quote.
 */
export const QUOTE_MAKERS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
  'rep',
] as const;

@ApiTags('quotes')
@Controller('quotes')
export class QuotesController {
  constructor(
    private readonly quotes: QuotesService,
    private readonly approvals: ApprovalsService,
  ) {}

  /** Quote a customer from lines or a template; a line below its floor price gets 422 BELOW_FLOOR_MARGIN */
  @Post()
  @Created('quotes/{id}')
  @Roles(...QUOTE_MAKERS)
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: CREATE_QUOTE_EXAMPLE, response: QUOTE_EXAMPLE })
  create(
    @Body() body: CreateQuoteDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteResponse> {
    return this.quotes.create(principal, body, language);
  }

  /** List quotes in the caller's scope, newest first unless sorted otherwise */
  @Get()
  @AnyRole()
  @ApiExamples({ response: QUOTE_PAGE_EXAMPLE })
  list(
    @Query() query: QuoteQueryDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuotePage> {
    return this.quotes.list(principal, query, language);
  }

  /** Read a quote at its latest version */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: QUOTE_EXAMPLE })
  get(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteResponse> {
    return this.quotes.get(principal, id, language);
  }

  /** Write version n+1; a pending or approved quote goes back to draft. `If-Match: <version>` guards it */
  @Patch(':id')
  @Roles(...QUOTE_MAKERS)
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: UPDATE_QUOTE_EXAMPLE, response: UPDATED_QUOTE_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateQuoteDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteResponse> {
    return this.quotes.update(principal, id, body, version, language);
  }

  /** Every version of a quote, oldest first, each as it was saved */
  @Get(':id/versions')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: QUOTE_VERSIONS_EXAMPLE })
  async versions(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteVersionList> {
    return { items: await this.quotes.versions(principal, id, language) };
  }

  /** One archived version of a quote, unchanged since it was saved */
  @Get(':id/versions/:n')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: QUOTE_VERSION_EXAMPLE })
  version(
    @IdParam() id: string,
    @VersionParam('n') n: number,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteVersionResponse> {
    return this.quotes.version(principal, id, n, language);
  }

  /** Submit the latest version: approved at once without a discount, else down the approval chain */
  @Post(':id/submit')
  @Roles(...QUOTE_MAKERS)
  @HttpCode(200)
  @ApiProblems(404, 409, 422)
  @ApiExamples({ response: SUBMITTED_QUOTE_EXAMPLE })
  submit(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteResponse> {
    return this.quotes.submit(principal, id, language);
  }

  /** Mark a quote lost, with the reason; a pending approval chain ends */
  @Post(':id/lose')
  @Roles(...QUOTE_MAKERS)
  @HttpCode(200)
  @ApiProblems(404, 409)
  @ApiExamples({ request: LOSE_QUOTE_EXAMPLE, response: LOST_QUOTE_EXAMPLE })
  lose(
    @IdParam() id: string,
    @Body() body: LoseQuoteDto,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteResponse> {
    return this.quotes.lose(principal, id, body, language);
  }

  /** The approval of the latest version: its status, the reason in figures, and each step */
  @Get(':id/approval')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: PENDING_APPROVAL_EXAMPLE })
  approval(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @RequestLanguage() language: Language,
  ): Promise<QuoteApprovalResponse> {
    return this.approvals.approvalOf(principal, id, language);
  }
}
