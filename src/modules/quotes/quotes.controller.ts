import { Body, Controller, Get, HttpCode, Patch, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { reprDigest } from '../../core/http/repr-digest';
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
import { QuotePdf, QuotePdfService } from './quote-pdf.service';
import { QuotesService } from './quotes.service';

/**
 * Who may quote, edit, submit and lose quotes: the customer's owner and the
 * owner's superiors (API.md §5). Finance BPs and integrators see every quote
 * but make none; the data scope decides whose customers each may quote.
 */
const QUOTE_MAKERS = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'supervisor',
  'store_manager',
  'rep',
] as const;

/** The header that names the attachment keeping a generated PDF. */
export const ATTACHMENT_ID_HEADER = 'X-Attachment-Id';

const PDF_DESCRIPTION = `The latest version as a PDF for the customer (A4, Chinese, with an embedded CJK font):
the seller (setting \`companyName\`), the customer, the lines, the totals with and without tax, the validity and the
note, with a diagonal watermark naming the customer, the quote number and version, and the minute it was made, in
the organisation's time zone (setting \`timezone\`).

**Kept as an attachment.** Each PDF is stored as an attachment of the quote, readable by everyone who sees the
quote's customer, so that a follow-up can cite it in \`deliverableIds\`. \`X-Attachment-Id\` names it and
\`Repr-Digest\` (RFC 9530) carries its SHA-256, which \`GET /attachments/{id}\` also gives in hex. The PDF is
stamped to the minute: within one minute the same quote version gives the same bytes and the same attachment; in
another minute, new bytes and a new attachment. Each download is audited as \`pdf_generated\` on the quote.

Any role that can read the quote may download it.`;

/** The download's headers: the file name, and the attachment that keeps these bytes. */
function pdfHeaders({ content, attachment }: QuotePdf): Record<string, string> {
  return {
    'Content-Type': 'application/pdf',
    'Content-Length': String(content.length),
    'Content-Disposition': contentDisposition(attachment.fileName),
    [ATTACHMENT_ID_HEADER]: attachment.id,
    'Repr-Digest': reprDigest(attachment.sha256),
    'X-Content-Type-Options': 'nosniff',
  };
}

@ApiTags('quotes')
@Controller('quotes')
export class QuotesController {
  constructor(
    private readonly quotes: QuotesService,
    private readonly approvals: ApprovalsService,
    private readonly pdfs: QuotePdfService,
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

  /** Download the latest version as a watermarked PDF, kept as an attachment of the quote */
  @Get(':id/pdf')
  @AnyRole()
  @ApiOperation({ description: PDF_DESCRIPTION })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'Content-Disposition': {
        description: 'attachment, named after the quote number and version',
        schema: { type: 'string', example: 'attachment; filename=Q-2026-000123-v2.pdf' },
      },
      [ATTACHMENT_ID_HEADER]: {
        description: 'The attachment that keeps these bytes, for a follow-up’s `deliverableIds`',
        schema: { type: 'string', format: 'uuid' },
      },
      'Repr-Digest': {
        description: 'The SHA-256 of the PDF (RFC 9530), as recorded on the attachment',
        schema: {
          type: 'string',
          example: 'sha-256=:nyxLao4NHD9ae50eP1p8nhs9X3qcHjtdf5ocPlt9nxo=:',
        },
      },
    },
  })
  @ApiProblems(404)
  async pdf(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const pdf = await this.pdfs.generate(principal, id);
    void reply.headers(pdfHeaders(pdf));
    return new StreamableFile(pdf.content);
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
