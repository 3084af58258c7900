import Decimal from 'decimal.js';
import { QuotePdfView, quoteWatermark } from './quote-pdf';

/** What the PDF needs of a quote at its latest version (a QuoteResponse has it all). */
export interface QuoteForPdf {
  number: string;
  version: number;
  validUntil: string | null;
  note: string | null;
  lines: {
    sku: string;
    name: string;
    unit: string;
    qty: number;
    unitPrice: string;
    amount: string;
    taxRatePct: number;
  }[];
  totals: { amount: string; taxAmount: string; amountWithTax: string };
}

/** The time a PDF is stamped with: `now` down to its minute, the finest the PDF prints. */
export function pdfMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

/**
 * Everything the renderer prints, from the quote, its customer and the
 * organisation's settings, stamped at `now` cut to the minute: the PDF prints
 * minutes, so two downloads within one minute are the same bytes (and the
 * same stored attachment), and downloads in other minutes differ.
 */
export function quotePdfView(
  quote: QuoteForPdf,
  customer: { name: string; company: string | null },
  settings: { companyName: string; timezone: string },
  now: Date,
): QuotePdfView {
  const stamp = {
    customer: { name: customer.name, company: customer.company },
    number: quote.number,
    version: quote.version,
    generatedAt: pdfMinute(now),
    timeZone: settings.timezone,
  };
  return {
    ...stamp,
    sellerName: settings.companyName,
    validUntil: quote.validUntil,
    note: quote.note,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      productName: line.name,
      unit: line.unit,
      qty: new Decimal(line.qty).toFixed(),
      unitPrice: line.unitPrice,
      amount: line.amount,
      taxRatePct: line.taxRatePct,
    })),
    totals: {
      amount: quote.totals.amount,
      taxAmount: quote.totals.taxAmount,
      amountWithTax: quote.totals.amountWithTax,
    },
    watermark: quoteWatermark(stamp),
  };
}

/** The PDF's file name: the quote number and version, e.g. `Q-2026-000123-v2.pdf`. */
export function quotePdfFileName(quote: Pick<QuoteForPdf, 'number' | 'version'>): string {
  return `${quote.number}-v${quote.version}.pdf`;
}
