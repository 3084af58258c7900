import { Controller, Get, Headers, HttpCode, Ip, Param, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiResponseOptions,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Public } from '../../core/auth/access.decorators';
import { NoIdempotency } from '../../core/idempotency/idempotency';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import { SettingsService } from '../../core/settings/settings.service';
import { ConfirmationsService } from './confirmations.service';
import { ConfirmationPageState, renderConfirmationPage } from './domain/confirmation-page';
import { ConfirmationResponse } from './dto/confirmation.dto';
import { CONFIRMATION_EXAMPLE } from './dto/follow-up.examples';

const STATUS_BY_STATE: Record<ConfirmationPageState['kind'], number> = {
  pending: 200,
  confirmed: 409,
  expired: 410,
  not_found: 404,
};
const MAX_USER_AGENT = 512;

/** The customer sees a page, not problem+json, whatever happened to the link. */
const htmlPage = (status: number, description: string): ApiResponseOptions => ({
  status,
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

/** The customer's side of a confirmation link: no account, the token is the credential. */
@ApiTags('public')
@Controller('public/confirmations')
export class PublicConfirmationsController {
  constructor(
    private readonly confirmations: ConfirmationsService,
    private readonly settings: SettingsService,
  ) {}

  /**
   * The confirmation page the customer opens (HTML, in Chinese)
   *
   * 200 with a confirm button while the link is valid; 404, 409 (already
   * confirmed) or 410 (expired) with a page explaining it; 429 when the client
   * IP opens too many links. The page is never cached or indexed.
   */
  @Get(':token')
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page', schema: { type: 'string' } })
  @ApiResponse(htmlPage(404, 'No such link: a page saying so'))
  @ApiResponse(htmlPage(409, 'Already confirmed: a page saying so'))
  @ApiResponse(htmlPage(410, 'The link has expired: a page saying so'))
  @ApiProblems(429)
  async page(
    @Param('token') token: string,
    @Ip() ip: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const state = await this.confirmations.pageState(token, ip);
    const nonce = randomBytes(16).toString('base64');
    const { timezone } = await this.settings.get();
    await reply
      .status(STATUS_BY_STATE[state.kind])
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-robots-tag': 'noindex',
        'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'`,
      })
      .send(renderConfirmationPage(state, timezone, nonce));
  }

  /**
   * Confirm the follow-up (what the page's button does)
   *
   * Records `confirmedAt` with the client's IP and user agent. 404 for an
   * unknown token, 409 CONFIRMATION_USED once used, 410 CONFIRMATION_EXPIRED
   * after expiry, 429 when rate-limited. No body is needed.
   */
  @Post(':token')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @ApiProblems(404, 409, 410, 429)
  @ApiExamples({ response: CONFIRMATION_EXAMPLE })
  confirm(
    @Param('token') token: string,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<ConfirmationResponse> {
    return this.confirmations.confirm(token, ip, userAgent?.slice(0, MAX_USER_AGENT) ?? null);
  }
}
