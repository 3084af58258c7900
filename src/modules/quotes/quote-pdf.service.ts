import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { SettingsService } from '../../core/settings/settings.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { AttachmentResponse } from '../attachments/dto/attachment.dto';
import { CustomersService } from '../customers/customers.service';
import { renderQuotePdf } from './pdf/quote-pdf';
import { quotePdfFileName, quotePdfView } from './pdf/quote-pdf-view';
import { QuotesService } from './quotes.service';

/** A quote's PDF as made, and the attachment that keeps it. */
export interface QuotePdf {
  content: Buffer;
  attachment: AttachmentResponse;
}

/**
 * The quote's deliverable (API.md §5): its latest version as a PDF for the
 * customer, watermarked with the customer, number, version and minute, kept
 * as an attachment of the quote so that a follow-up can cite it.
 */
@Injectable()
export class QuotePdfService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly quotes: QuotesService,
    private readonly customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Renders the latest version of a quote in the caller's scope (404 outside
   * it), stores it as an attachment linked to the quote and its customer (the
   * same bytes again give the same attachment), and audits `pdf_generated`.
   */
  async generate(principal: Principal, id: string): Promise<QuotePdf> {
    const quote = await this.quotes.get(principal, id, 'zh');
    const [customer, settings] = await Promise.all([
      this.customers.get(principal, quote.customerId),
      this.settings.get(),
    ]);
    const content = await renderQuotePdf(quotePdfView(quote, customer, settings, new Date()));
    const attachment = await this.tx.withTransaction(async () => {
      const stored = await this.attachments.storeGenerated(
        principal,
        { content, fileName: quotePdfFileName(quote), mimeType: 'application/pdf' },
        { type: 'quote', id: quote.id, customerId: quote.customerId },
      );
      await this.audit.append({
        actor: principal,
        entity: 'quote',
        entityId: quote.id,
        action: 'pdf_generated',
        data: {
          number: quote.number,
          version: quote.version,
          attachmentId: stored.id,
          sha256: stored.sha256,
        },
      });
      return stored;
    });
    return { content, attachment };
  }
}
