import { readFileSync } from 'node:fs';
import { create, Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { wallClockMinute } from '../../../core/time/wall-clock';
import { formatMoney, formatPercent, formatQuantity } from './pdf-format';

/** One quote line as the PDF prints it. Money and quantities are decimal strings. */
export interface QuotePdfLine {
  sku: string;
  productName: string;
  unit: string;
  qty: string;
  unitPrice: string;
  /** qty × unitPrice, net of VAT. */
  amount: string;
  taxRatePct: number;
}

/** Everything the quote PDF shows, already resolved: the renderer reads nothing else. */
export interface QuotePdfView {
  sellerName: string;
  /** The customer as the customers module holds it: a name and, for a business, its company. */
  customer: { name: string; company: string | null };
  number: string;
  version: number;
  /** A calendar date, YYYY-MM-DD, or null when the quote sets none. */
  validUntil: string | null;
  lines: QuotePdfLine[];
  totals: { amount: string; taxAmount: string; amountWithTax: string };
  note: string | null;
  /** When the PDF is made: printed, stamped into the watermark, and the PDF's CreationDate. */
  generatedAt: Date;
  /** The organisation's time zone, in which dates and times are printed. */
  timeZone: string;
  /** Drawn diagonally across every page; see quoteWatermark. Empty draws none. */
  watermark: string;
}

/** The watermark that ties a PDF to one customer, quote version and moment. */
export function quoteWatermark(
  view: Pick<QuotePdfView, 'customer' | 'number' | 'version' | 'generatedAt' | 'timeZone'>,
): string {
  const customer = view.customer.company ?? view.customer.name;
  return `${customer} · ${view.number} v${view.version} · ${wallClockMinute(view.generatedAt, view.timeZone)}`;
}

// Noto Sans SC (OFL-1.1) as static TrueType, which fontkit subsets to the glyphs used.
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
type FontName = keyof typeof FONT_FILES;
let fonts: Record<FontName, Font> | undefined;

/**
 * The fonts, read and parsed once per process: about 10 MB each, some 0.5 s
 * in all, so the quotes module calls this at boot rather than on a request.
 * A parsed font is shared by every document: each makes its own subset.
 */
export function loadQuotePdfFonts(): Record<FontName, Font> {
  fonts ??= {
    regular: parseFont(FONT_FILES.regular),
    bold: parseFont(FONT_FILES.bold),
  };
  return fonts;
}

function parseFont(file: string): Font {
  return create(readFileSync(require.resolve(file))) as Font;
}

const MARGIN = 40;
/** The body stops this far above the page's bottom edge, leaving room for the footer under it. */
const BODY_BOTTOM_MARGIN = MARGIN + 24;
const BODY_SIZE = 9;
const CELL_PADDING = 4;
const RULE_COLOR = '#999999';
/** Degrees, counter-clockwise: the watermark rises to the right. */
const WATERMARK_ANGLE = -35;
/** Where the watermark's copies are centred, as shares of the page height. */
const WATERMARK_ROWS = [0.22, 0.5, 0.78];

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  text: (line: QuotePdfLine, index: number) => string;
}

/** The lines table; the widths add up to the A4 width between the margins (515 pt). */
const COLUMNS: Column[] = [
  { title: '序号', width: 28, align: 'right', text: (_, index) => String(index + 1) },
  { title: '编码', width: 78, align: 'left', text: (line) => line.sku },
  { title: '产品名称', width: 135, align: 'left', text: (line) => line.productName },
  { title: '单位', width: 34, align: 'left', text: (line) => line.unit },
  { title: '数量', width: 50, align: 'right', text: (line) => formatQuantity(line.qty) },
  { title: '单价', width: 70, align: 'right', text: (line) => formatMoney(line.unitPrice) },
  { title: '税率', width: 36, align: 'right', text: (line) => formatPercent(line.taxRatePct) },
  { title: '金额（不含税）', width: 84, align: 'right', text: (line) => formatMoney(line.amount) },
];

/**
 * Renders a quote as an A4 PDF in Chinese: seller and customer, the lines
 * (the header repeated on each page), totals with and without tax, validity,
 * page numbers and the diagonal watermark. The same view gives the same bytes:
 * the only clock read is `generatedAt`.
 */
export function renderQuotePdf(view: QuotePdfView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    // Text that flows past the bottom margin (a long note) continues on a new page above the footer.
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BODY_BOTTOM_MARGIN },
    bufferPages: true,
    info: {
      Title: `报价单 ${view.number} v${view.version}`,
      Author: view.sellerName,
      CreationDate: view.generatedAt,
    },
  });
  const done = collect(doc);
  const { regular, bold } = loadQuotePdfFonts();
  // pdfkit takes a parsed fontkit font as well as a file; its types list only files.
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  new QuoteLayout(doc, view).draw();
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

class QuoteLayout {
  private readonly left = MARGIN;
  private readonly width: number;
  private readonly bottom: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly view: QuotePdfView,
  ) {
    this.width = doc.page.width - 2 * MARGIN;
    this.bottom = doc.page.height - BODY_BOTTOM_MARGIN;
  }

  draw(): void {
    this.title();
    this.parties();
    this.table();
    this.totals();
    this.note();
    this.stampPages();
  }

  private title(): void {
    const { doc, view } = this;
    doc
      .font('bold')
      .fontSize(20)
      .text('报价单', this.left, MARGIN, { align: 'center', width: this.width });
    doc
      .moveDown(0.4)
      .font('regular')
      .fontSize(BODY_SIZE + 1);
    const facts = [
      `报价单号：${view.number}`,
      `版本：v${view.version}`,
      `报价时间：${wallClockMinute(view.generatedAt, view.timeZone)}`,
      `有效期至：${view.validUntil ?? '—'}`,
    ];
    doc.text(facts.join('　　'), this.left, doc.y, { width: this.width });
    doc.moveDown(0.6);
  }

  private parties(): void {
    const { doc, view } = this;
    const top = doc.y;
    const half = this.width / 2;
    const customer = view.customer.company
      ? [`客户：${view.customer.company}`, `联系人：${view.customer.name}`]
      : [`客户：${view.customer.name}`];
    doc.font('regular').fontSize(BODY_SIZE + 1);
    doc.text(`卖方：${view.sellerName}`, this.left, top, { width: half - 8 });
    const sellerBottom = doc.y;
    doc.text(customer.join('\n'), this.left + half, top, { width: half });
    doc.y = Math.max(sellerBottom, doc.y);
    doc.moveDown(0.8);
  }

  private table(): void {
    this.tableHeader();
    this.view.lines.forEach((line, index) => {
      const cells = COLUMNS.map((column) => column.text(line, index));
      const height = this.rowHeight(cells);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        this.tableHeader();
      }
      this.row(cells, height);
    });
  }

  private tableHeader(): void {
    const titles = COLUMNS.map((column) => column.title);
    this.doc.font('bold').fontSize(BODY_SIZE);
    const height = this.rowHeight(titles);
    this.doc.rect(this.left, this.doc.y, this.width, height).fill('#eeeeee').fillColor('black');
    this.row(titles, height);
    this.doc.font('regular');
  }

  private rowHeight(cells: string[]): number {
    const heights = cells.map((cell, i) =>
      this.doc.heightOfString(cell, { width: COLUMNS[i].width - 2 * CELL_PADDING }),
    );
    return Math.max(...heights) + 2 * CELL_PADDING;
  }

  /** Draws one row at the cursor, rules it underneath, and moves the cursor below it. */
  private row(cells: string[], height: number): void {
    const { doc } = this;
    const top = doc.y;
    let x = this.left;
    cells.forEach((cell, i) => {
      const column = COLUMNS[i];
      doc.text(cell, x + CELL_PADDING, top + CELL_PADDING, {
        width: column.width - 2 * CELL_PADDING,
        align: column.align,
      });
      x += column.width;
    });
    const ruleAt = top + height;
    doc
      .moveTo(this.left, ruleAt)
      .lineTo(this.left + this.width, ruleAt)
      .lineWidth(0.5)
      .strokeColor(RULE_COLOR)
      .stroke();
    doc.x = this.left;
    doc.y = ruleAt;
  }

  private totals(): void {
    const { doc, view } = this;
    const rows: [string, string][] = [
      ['不含税合计', formatMoney(view.totals.amount)],
      ['税额', formatMoney(view.totals.taxAmount)],
      ['含税合计', formatMoney(view.totals.amountWithTax)],
    ];
    const lineHeight = doc.fontSize(BODY_SIZE + 1).currentLineHeight(true) + 4;
    this.keepOnPage(rows.length * lineHeight + 12);
    doc.y += 12;
    const labelX = this.left + this.width - 230;
    rows.forEach(([label, value], i) => {
      const top = doc.y;
      doc.font(i === rows.length - 1 ? 'bold' : 'regular');
      doc.text(label, labelX, top, { width: 100 });
      doc.text(value, labelX + 100, top, { width: 130, align: 'right' });
      doc.y = top + lineHeight;
    });
    doc.font('regular');
  }

  private note(): void {
    const { doc, view } = this;
    if (!view.note) return;
    const text = `备注：${view.note}`;
    doc.fontSize(BODY_SIZE + 1);
    this.keepOnPage(Math.min(doc.heightOfString(text, { width: this.width }), 60) + 12);
    doc.y += 12;
    // A note longer than the page left flows on to the next page by itself.
    doc.text(text, this.left, doc.y, { width: this.width });
  }

  /** Starts a new page unless `height` more points fit above the footer. */
  private keepOnPage(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
    }
  }

  /** Footer and watermark on every page, drawn last so that the page count is known. */
  private stampPages(): void {
    const { doc } = this;
    const { start, count } = doc.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      doc.switchToPage(page);
      this.footer(page - start + 1, count);
      if (this.view.watermark) this.watermark();
    }
  }

  private footer(page: number, pages: number): void {
    const { doc, view } = this;
    const y = doc.page.height - MARGIN - 10;
    doc.font('regular').fontSize(8).fillColor('#666666');
    doc.text(`${view.number} v${view.version}`, this.left, y, { lineBreak: false });
    const pageText = `第 ${page} / ${pages} 页`;
    doc.text(pageText, this.left + this.width - doc.widthOfString(pageText), y, {
      lineBreak: false,
    });
    doc.fillColor('black');
  }

  /** The watermark on three parallel diagonals: light, translucent, over the content. */
  private watermark(): void {
    const { doc, view } = this;
    const { width, height } = doc.page;
    doc.save();
    doc.font('regular').fontSize(16).fillColor('#888888').fillOpacity(0.2);
    const textWidth = doc.widthOfString(view.watermark);
    for (const share of WATERMARK_ROWS) {
      const cx = width / 2;
      const cy = height * share;
      doc.save().rotate(WATERMARK_ANGLE, { origin: [cx, cy] });
      doc.text(view.watermark, cx - textWidth / 2, cy - 8, { lineBreak: false });
      doc.restore();
    }
    doc.restore();
  }
}
