export class ConfirmationLinkResponse {
  /** The link's secret: 256 random bits, base64url. Shown only here. */
  token: string;
  /** The public page to send the customer: `/api/v1/public/confirmations/{token}`. */
  url: string;
  expiresAt: string;
}

export class ConfirmationResponse {
  followUpId: string;
  confirmedAt: string;
}
