import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { EastRegion, OrgFactory } from './support/factories';
import { pdfPages } from './support/pdf-text';
import { QuoteFactory, TestProduct } from './support/quotes';
import { API, createTestApp, TestApp } from './support/test-app';

interface Quote {
  id: string;
  number: string;
  version: number;
  totals: { amount: string; taxAmount: string; amountWithTax: string };
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
/** Whitespace out: extracted text breaks lines and cells where the layout does. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Reads a binary response body as a Buffer, whatever its Content-Type. */
const asBuffer = (request: Test) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** Poppler's pdftotext when installed (an independent reader), else pdf.js through the helper. */
function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function pdfText(pdf: Buffer): Promise<string> {
  if (!hasPdftotext()) return (await pdfPages(pdf)).join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'quote-pdf-'));
  try {
    writeFileSync(join(dir, 'quote.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'quote.pdf'), '-'], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Date alone is faked (timers, ticks and I/O run for real), so the app's clock reads `at`. */
function freezeClockAt(at: Date): void {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

describe('GET /quotes/:id/pdf', () => {
  let app: TestApp;
  let u: EastRegion;
  let make: QuoteFactory;
  let bearing: TestProduct;
  let coupling: TestProduct;
  let customer: { id: string; name: string; company: string };
  let quote: Quote;

  const download = (id: string, auth: string) =>
    asBuffer(app.get(`/quotes/${id}/pdf`, auth)).expect(200);

  beforeAll(async () => {
    app = await createTestApp();
    const org = new OrgFactory(app);
    u = await org.eastRegion();
    make = new QuoteFactory(app);
    bearing = await make.product({ name: '深沟球轴承 6205-2RS' });
    coupling = await make.product({
      name: '梅花弹性联轴器 GR-28',
      unit: '套',
      listPrice: '86.00',
      cost: '52.00',
      taxRatePct: 9,
    });
    await app
      .patch('/settings', app.adminAuth, { companyName: '上海华东机电有限公司' })
      .expect(200);
    const created = await app
      .post('/customers', u.wang.auth, {
        name: '陈经理',
        company: `杭州精工配件有限公司${process.pid}`,
        segment: 'b2b',
        phone: `1391${String(process.pid % 1e7).padStart(7, '0')}`,
      })
      .expect(201);
    customer = created.body as typeof customer;
    quote = (
      await app
        .post('/quotes', u.wang.auth, {
          customerId: customer.id,
          lines: [
            { productId: bearing.id, qty: 120, unitPrice: '39.80' },
            { productId: coupling.id, qty: 2.5, unitPrice: '86.00' },
          ],
          validUntil: '2026-12-31',
          note: '含运费，款到发货',
        })
        .expect(201)
    ).body as Quote;
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => app.close());

  it('answers a PDF of the latest version with the seller, customer, lines, totals and watermark', async () => {
    const response = await download(quote.id, u.wang.auth);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = squeeze(await pdfText(pdf));
    for (const expected of [
      '上海华东机电有限公司',
      customer.company,
      '陈经理',
      '深沟球轴承6205-2RS',
      '梅花弹性联轴器GR-28',
      bearing.sku,
      quote.number,
      'v1',
      '2026-12-31',
      '含运费，款到发货',
      // 120 × 39.80 + 2.5 × 86.00 = 4,991.00 net; 620.88 + 19.35 tax = 5,631.23 with tax.
      '¥4,991.00',
      '¥640.23',
      '¥5,631.23',
    ]) {
      expect(text).toContain(squeeze(expected));
    }
    expect(quote.totals).toMatchObject({
      amount: '4991.00',
      taxAmount: '640.23',
      amountWithTax: '5631.23',
    });
    // The watermark: the customer, number and version, and the minute it was made in Shanghai.
    const minute = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    const made = new Date(Date.now() - 1000);
    const watermarks = [made, new Date()].map((at) =>
      squeeze(`${customer.company} · ${quote.number} v1 · ${minute.format(at)}`),
    );
    expect(watermarks.some((watermark) => text.includes(watermark))).toBe(true);
  });

  it('keeps the PDF as an attachment with its SHA-256, named in the headers and audited', async () => {
    const response = await download(quote.id, u.wang.auth);
    const pdf = response.body as Buffer;
    const id = response.headers['x-attachment-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['repr-digest']).toBe(
      `sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`,
    );
    // An ASCII name needs no RFC 8187 `filename*`: the plain token is the most widely read form.
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename=${quote.number}-v1.pdf`,
    );
    expect(response.headers['content-length']).toBe(String(pdf.length));

    const attachment = await app.get(`/attachments/${id}`, u.wang.auth).expect(200);
    expect(attachment.body).toMatchObject({
      id,
      sha256: sha256(pdf),
      size: pdf.length,
      mimeType: 'application/pdf',
      fileName: `${quote.number}-v1.pdf`,
    });
    const content = await asBuffer(app.get(`/attachments/${id}/content`, u.wang.auth)).expect(200);
    expect(sha256(content.body as Buffer)).toBe(sha256(pdf));

    const audit = await app
      .get(`/audit-events?entity=quote&entityId=${quote.id}`, app.adminAuth)
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'pdf_generated',
        data: expect.objectContaining({ attachmentId: id, sha256: sha256(pdf), version: 1 }),
      }),
    );
  });

  it('shares the attachment with the customer’s scope and hides it from another team', async () => {
    const response = await download(quote.id, u.wang.auth);
    const id = response.headers['x-attachment-id'];
    await app.get(`/attachments/${id}`, u.li.auth).expect(200);
    await app.get(`/attachments/${id}`, u.zhou.auth).expect(200);
    await app.get(`/attachments/${id}`, u.sun.auth).expect(404);
    await app.get(`/attachments/${id}`, u.liu.auth).expect(404);
    await app.get(`/attachments/${id}/content`, u.sun.auth).expect(404);
  });

  it('lets any role that reads the quote download it, and answers 404 outside the scope', async () => {
    // li supervises wang; zhou directs the region; the admin sees all.
    for (const auth of [u.li.auth, u.zhou.auth, app.adminAuth]) {
      await download(quote.id, auth);
    }
    for (const auth of [u.zhao.auth, u.sun.auth, u.liu.auth]) {
      const response = await app.get(`/quotes/${quote.id}/pdf`, auth).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['x-attachment-id']).toBeUndefined();
    }
    await app.get('/quotes/7d0c9d0e-4b7e-4a0e-9a53-2d4f0f1e9b11/pdf', u.wang.auth).expect(404);
    await app.api().get(`${API}/quotes/${quote.id}/pdf`).expect(401);
  });

  it('is cited by a follow-up as its deliverable', async () => {
    const response = await download(quote.id, u.wang.auth);
    const id = response.headers['x-attachment-id'];
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const followUp = await app
      .post(`/customers/${customer.id}/follow-ups`, u.wang.auth, {
        channel: 'email',
        occurredAt: at(-0.1),
        summary: `发送报价单 ${quote.number} v1，请客户确认价格与交期。`,
        deliverableIds: [id],
        nextTouchAt: at(48),
      })
      .expect(201);
    expect(followUp.body).toMatchObject({ deliverableIds: [id] });
  });

  it('gives the same bytes and attachment within a minute, and new ones in another minute', async () => {
    const minute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
    freezeClockAt(new Date(minute.getTime() + 5_000));
    const first = await download(quote.id, u.wang.auth);
    freezeClockAt(new Date(minute.getTime() + 50_000));
    const again = await download(quote.id, u.wang.auth);
    freezeClockAt(new Date(minute.getTime() + 65_000));
    const later = await download(quote.id, u.wang.auth);
    jest.useRealTimers();

    expect(sha256(again.body as Buffer)).toBe(sha256(first.body as Buffer));
    expect(again.headers['x-attachment-id']).toBe(first.headers['x-attachment-id']);
    expect(sha256(later.body as Buffer)).not.toBe(sha256(first.body as Buffer));
    expect(later.headers['x-attachment-id']).not.toBe(first.headers['x-attachment-id']);

    const shanghai = (at: Date) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(at);
    const firstText = squeeze(await pdfText(first.body as Buffer));
    const laterText = squeeze(await pdfText(later.body as Buffer));
    expect(firstText).toContain(squeeze(shanghai(minute)));
    expect(laterText).toContain(squeeze(shanghai(new Date(minute.getTime() + 60_000))));
    expect(laterText).not.toContain(squeeze(shanghai(minute)));
  });

  it('prints the latest version after an edit', async () => {
    await app.patch(`/quotes/${quote.id}`, u.wang.auth, { note: '改为月结 30 天' }).expect(200);
    const response = await download(quote.id, u.wang.auth);
    expect(response.headers['content-disposition']).toContain(`${quote.number}-v2.pdf`);
    const text = squeeze(await pdfText(response.body as Buffer));
    expect(text).toContain(squeeze(`${quote.number} v2`));
    expect(text).toContain('改为月结30天');
    expect(text).not.toContain('含运费，款到发货');
  });
});
