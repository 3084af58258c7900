import { ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
export class ConfirmationLinkResponse {
  /** The link's secret: 256 random bits, base64url. Shown only here. */
  token: string;
  /** The public page to send the customer: `/api/v1/public/confirmations/{token}`. */
  url: string;
  @ApiTime() expiresAt: string;
}

export class ConfirmationResponse {
  @ApiUuid() followUpId: string;
  @ApiTime() confirmedAt: string;
}
