import * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { AttachmentsService } from '../src/modules/attachments/attachments.service';
import { pdfFile, PNG_FILE, uploadAttachment, UploadedAttachment } from './support/attachments';
import { EastRegion, OrgFactory } from './support/factories';
import { API, createTestApp, TestApp } from './support/test-app';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reads a binary response body as a Buffer, whatever its Content-Type. */
const asBuffer = (request: Test) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

interface UploadOptions {
  contentType?: string;
  idempotencyKey?: string;
}

describe('attachments', () => {
  let app: TestApp;
  /** The org of OrgFactory.eastRegion(). */
  let u: EastRegion;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  const upload = (auth: string, content: Buffer, fileName: string, options: UploadOptions = {}) => {
    const request = app.api().post(`${API}/attachments`).set('authorization', auth);
    if (options.idempotencyKey) request.set('idempotency-key', options.idempotencyKey);
    return request.attach('file', content, {
      filename: fileName,
      contentType: options.contentType,
    });
  };
  const metadata = (auth: string, id: string) => app.get(`/attachments/${id}`, auth);
  const download = (auth: string, id: string) =>
    asBuffer(app.get(`/attachments/${id}/content`, auth));
  const countWithContent = async (content: Buffer) =>
    (
      await app.sql<{ attachments: number; blobs: number }>(
        `SELECT (SELECT count(*)::int FROM attachments WHERE sha256 = $1) AS attachments,
                (SELECT count(*)::int FROM attachment_blobs WHERE sha256 = $1) AS blobs`,
        [sha256(content)],
      )
    )[0];

  describe('upload and download', () => {
    it('keeps the bytes as sent and serves them back with download headers', async () => {
      const file = pdfFile();
      const created = await upload(u.wang.auth, file, '华东区阀门报价单 v2.pdf').expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        sha256: sha256(file),
        size: file.length,
        mimeType: 'application/pdf',
        fileName: '华东区阀门报价单 v2.pdf',
        createdAt: expect.any(String),
      });

      const read = await metadata(u.wang.auth, created.body.id).expect(200);
      expect(read.body).toEqual(created.body);

      const content = await download(u.wang.auth, created.body.id).expect(200);
      expect(Buffer.compare(content.body as Buffer, file)).toBe(0);
      expect(content.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(file.length),
        etag: `"${sha256(file)}"`,
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      });
      expect(content.headers['content-disposition']).toMatch(/^attachment; /);
      expect(content.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('华东区阀门报价单 v2.pdf')}`,
      );
    });

    it('decides the type from the content, whatever the client declares', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('报价').addRows([
        ['型号', '单价'],
        ['Q41F-16P DN50', '386.00'],
      ]);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const sheet = await upload(u.wang.auth, xlsx, '报价明细.xlsx', {
        contentType: 'application/octet-stream',
      }).expect(201);
      expect(sheet.body.mimeType).toBe(XLSX_TYPE);

      // Excel on Chinese Windows saves CSV in GBK, and Windows browsers declare it as Excel's type.
      const csv = iconv.encode('客户名称,电话\r\n杭州某阀门厂,13800138000\r\n', 'gbk');
      const table = await upload(u.wang.auth, csv, '客户清单.csv', {
        contentType: 'application/vnd.ms-excel',
      }).expect(201);
      expect(table.body.mimeType).toBe('text/csv');
    });

    it('stores content uploaded twice once, as two attachments', async () => {
      const file = pdfFile();
      const first = await uploadAttachment(app, u.wang.auth, file, '方案书.pdf');
      const second = await uploadAttachment(app, u.liu.auth, file, '方案书（转发）.pdf');
      expect(second.id).not.toBe(first.id);
      expect(second.sha256).toBe(first.sha256);
      expect(await countWithContent(file)).toEqual({ attachments: 2, blobs: 1 });
      const content = await download(u.liu.auth, second.id).expect(200);
      expect(Buffer.compare(content.body as Buffer, file)).toBe(0);
    });

    it('keeps the database from changing stored content', async () => {
      const attachment = await uploadAttachment(app, u.wang.auth);
      await expect(
        app.sql(`UPDATE attachment_blobs SET content = 'x' WHERE sha256 = $1`, [attachment.sha256]),
      ).rejects.toThrow(/immutable/);
      await expect(
        app.sql(`UPDATE attachments SET file_name = 'x.pdf' WHERE id = $1`, [attachment.id]),
      ).rejects.toThrow(/immutable/);
    });

    it('audits each upload without its content', async () => {
      const attachment = await uploadAttachment(app, u.wang.auth, pdfFile(), '合同扫描件.pdf');
      const events = await app.sql<{ actorId: string; action: string; data: unknown }>(
        `SELECT actor_id AS "actorId", action, data FROM audit_events
         WHERE entity = 'attachment' AND entity_id = $1`,
        [attachment.id],
      );
      expect(events).toEqual([
        {
          actorId: u.wang.id,
          action: 'uploaded',
          data: {
            sha256: attachment.sha256,
            size: attachment.size,
            mimeType: 'application/pdf',
            fileName: '合同扫描件.pdf',
          },
        },
      ]);
    });
  });

  describe('refusals', () => {
    it('answers content of a type it does not accept with 415 and stores nothing', async () => {
      const executable = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
      const response = await upload(u.wang.auth, executable, '报价单.pdf', {
        contentType: 'application/pdf',
      }).expect(415);
      expect(response.body).toMatchObject({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        reason: expect.stringMatching(/none of the accepted types/),
        errors: [{ field: 'file', message: expect.any(String) }],
      });
      expect(await countWithContent(executable)).toEqual({ attachments: 0, blobs: 0 });
    });

    it('answers a declared type or an extension that contradicts the content with 415', async () => {
      const declared = await upload(u.wang.auth, PNG_FILE, 'photo.jpg', {
        contentType: 'image/jpeg',
      }).expect(415);
      expect(declared.body.reason).toMatch(
        /declared as image\/jpeg, but the content is image\/png/,
      );

      const spoofed = pdfFile();
      const renamed = await upload(u.wang.auth, spoofed, '门头照片.png', {
        contentType: 'application/octet-stream',
      }).expect(415);
      expect(renamed.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(renamed.body.reason).toMatch(/ends in \.png, but the content is application\/pdf/);
      expect(await countWithContent(spoofed)).toEqual({ attachments: 0, blobs: 0 });
    });

    it('answers an empty file with 400 EMPTY_FILE', async () => {
      const response = await upload(u.wang.auth, Buffer.alloc(0), 'empty.pdf').expect(400);
      expect(response.body).toMatchObject({
        code: 'EMPTY_FILE',
        errors: [{ field: 'file', message: 'is empty' }],
      });
    });

    it('refuses a form without the file, with other fields, or not multipart, with 400', async () => {
      const fieldOnly = await app
        .api()
        .post(`${API}/attachments`)
        .set('authorization', u.wang.auth)
        .field('note', '拜访纪要')
        .expect(400);
      expect(fieldOnly.body.errors).toEqual([{ field: 'note', message: expect.any(String) }]);

      const empty = await app
        .api()
        .post(`${API}/attachments`)
        .set('authorization', u.wang.auth)
        .type('multipart/form-data; boundary=x')
        .send('--x--\r\n')
        .expect(400);
      expect(empty.body.errors).toEqual([{ field: 'file', message: 'is required' }]);

      const extra = await upload(u.wang.auth, pdfFile(), 'a.pdf')
        .field('customerId', randomUUID())
        .expect(400);
      expect(extra.body.errors).toEqual([
        { field: 'customerId', message: 'is not a field of this form (file)' },
      ]);

      const wrongField = await app
        .api()
        .post(`${API}/attachments`)
        .set('authorization', u.wang.auth)
        .attach('document', pdfFile(), 'a.pdf')
        .expect(400);
      expect(wrongField.body.errors).toEqual([{ field: 'document', message: expect.any(String) }]);

      const json = await app.post('/attachments', u.wang.auth, { file: 'JVBERi0=' }).expect(400);
      expect(json.body.errors).toEqual([
        { field: 'file', message: expect.stringMatching(/multipart/) },
      ]);
    });

    it('requires authentication', async () => {
      await app.api().post(`${API}/attachments`).attach('file', pdfFile(), 'a.pdf').expect(401);
      await app.api().get(`${API}/attachments/${randomUUID()}`).expect(401);
    });

    it('answers an id that is not a UUID with 400 and an unknown one with 404', async () => {
      await metadata(u.wang.auth, 'not-a-uuid').expect(400);
      const missing = await metadata(app.adminAuth, randomUUID()).expect(404);
      expect(missing.body.code).toBe('NOT_FOUND');
      await download(app.adminAuth, randomUUID()).expect(404);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the upload a key made, and refuses the key with another file', async () => {
      const file = pdfFile();
      const first = await upload(u.li.auth, file, '报价单.pdf', { idempotencyKey: 'att-1' }).expect(
        201,
      );
      expect(first.headers['idempotent-replayed']).toBe('false');
      const again = await upload(u.li.auth, file, '报价单.pdf', { idempotencyKey: 'att-1' }).expect(
        201,
      );
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await countWithContent(file)).toEqual({ attachments: 1, blobs: 1 });

      const otherFile = await upload(u.li.auth, pdfFile(), '报价单.pdf', {
        idempotencyKey: 'att-1',
      }).expect(409);
      expect(otherFile.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const otherName = await upload(u.li.auth, file, '报价单-改.pdf', {
        idempotencyKey: 'att-1',
      }).expect(409);
      expect(otherName.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

      // Keys are the caller's own.
      const theirs = await upload(u.sun.auth, file, '报价单.pdf', {
        idempotencyKey: 'att-1',
      }).expect(201);
      expect(theirs.body.id).not.toBe(first.body.id);
    });

    it('refuses a key over 255 characters', async () => {
      const response = await upload(u.li.auth, pdfFile(), 'a.pdf', {
        idempotencyKey: 'k'.repeat(256),
      }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'Idempotency-Key', message: expect.any(String) },
      ]);
    });
  });

  describe('visibility', () => {
    let attachments: AttachmentsService;
    /** Uploaded by wang and linked to a follow-up on wang's customer. */
    let onCustomer: UploadedAttachment;
    /** Uploaded by liu and linked to nothing. */
    let unlinked: UploadedAttachment;

    beforeAll(async () => {
      attachments = app.running.app.get(AttachmentsService);
      const customer = await app
        .post(`/customers`, u.wang.auth, { name: '宁波某阀门厂', phone: '13957001234' })
        .expect(201);
      onCustomer = await uploadAttachment(app, u.wang.auth, pdfFile(), '拜访纪要.pdf');
      await attachments.link([onCustomer.id], {
        type: 'follow_up',
        id: randomUUID(),
        customerId: customer.body.id,
      });
      unlinked = await uploadAttachment(app, u.liu.auth, PNG_FILE, '门店照片.png');
    });

    it.each(['wang', 'li', 'zhou'] as const)(
      'lets %s (the uploader, or in scope of the customer) read an attachment on the customer',
      async (user) => {
        await metadata(u[user].auth, onCustomer.id).expect(200);
        await download(u[user].auth, onCustomer.id).expect(200);
      },
    );

    it.each(['zhao', 'liu', 'sun'] as const)(
      'answers %s (out of scope of the customer) with 404',
      async (user) => {
        const response = await metadata(u[user].auth, onCustomer.id).expect(404);
        expect(response.body.code).toBe('NOT_FOUND');
        await download(u[user].auth, onCustomer.id).expect(404);
      },
    );

    it('shows an unlinked attachment to its uploader and the roles that see all only', async () => {
      await metadata(u.liu.auth, unlinked.id).expect(200);
      await metadata(app.adminAuth, unlinked.id).expect(200);
      await metadata(u.sun.auth, unlinked.id).expect(404);
      await metadata(u.wang.auth, unlinked.id).expect(404);
    });

    it('shows an attachment linked to a playbook to everyone', async () => {
      const material = await uploadAttachment(app, u.li.auth, pdfFile(), '竞品对比.pdf');
      await metadata(u.liu.auth, material.id).expect(404);
      await attachments.link([material.id], {
        type: 'playbook',
        id: randomUUID(),
        customerId: null,
      });
      await metadata(u.liu.auth, material.id).expect(200);
      await download(u.zhao.auth, material.id).expect(200);
    });

    it('tells callers, in one call, which ids they may not use, as given', async () => {
      const unknown = randomUUID().toUpperCase();
      const rep = (user: 'wang' | 'liu') => ({
        kind: 'user' as const,
        id: u[user].id,
        userId: u[user].id,
        name: user,
        roles: ['rep' as const],
        orgUnitId: null,
      });
      expect(
        await attachments.findNotVisible(rep('liu'), [onCustomer.id, unlinked.id, unknown]),
      ).toEqual([onCustomer.id, unknown]);
      expect(await attachments.findNotVisible(rep('wang'), [onCustomer.id])).toEqual([]);
      expect(await attachments.findNotVisible(rep('wang'), [])).toEqual([]);
    });
  });
});

describe('attachment size limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({
      ATTACHMENT_MAX_BYTES: String(64 * 1024),
      IMPORT_MAX_FILE_BYTES: String(256 * 1024),
    });
  });
  afterAll(() => app.close());

  /** A CSV of about 100 KB: over the attachment limit, under the import limit. */
  const csv = Buffer.from(
    `姓名,电话\n${Array.from({ length: 3000 }, (_, i) => `杭州某阀门厂${i},1390571${String(i).padStart(4, '0')}`).join('\n')}\n`,
  );

  const uploadsLeft = async () =>
    readdir(join(app.running.config.dataDir, 'tmp', 'uploads')).catch(() => []);

  it('answers a file over ATTACHMENT_MAX_BYTES with 413 FILE_TOO_LARGE, keeping nothing', async () => {
    const response = await app
      .api()
      .post(`${API}/attachments`)
      .set('authorization', app.adminAuth)
      .attach('file', csv, '客户清单.csv')
      .expect(413);
    expect(response.body).toMatchObject({ code: 'FILE_TOO_LARGE', maxBytes: 64 * 1024 });
    const [{ n }] = await app.sql<{ n: number }>('SELECT count(*)::int AS n FROM attachments');
    expect(n).toBe(0);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('keeps the limits per route: the import takes the same file', async () => {
    const response = await app
      .api()
      .post(`${API}/customers/imports`)
      .set('authorization', app.adminAuth)
      .attach('file', csv, '客户清单.csv');
    // 201 when it ends within the import's 2-second response budget, else 202 while it runs
    // (two test files share the machine); either way it ends, with its upload cleaned up.
    expect([201, 202]).toContain(response.status);
    let summary = response.body as { id: string; status: string };
    while (summary.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      summary = (await app.get(`/customers/imports/${summary.id}`, app.adminAuth).expect(200)).body;
    }
    expect(summary).toMatchObject({ status: 'completed', created: 3000 });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('takes a file at the limit', async () => {
    const atLimit = Buffer.alloc(64 * 1024, 'a');
    const response = await app
      .api()
      .post(`${API}/attachments`)
      .set('authorization', app.adminAuth)
      .attach('file', atLimit, 'notes.txt')
      .expect(201);
    expect(response.body).toMatchObject({ size: 64 * 1024, mimeType: 'text/plain' });
    expect(await uploadsLeft()).toEqual([]);
  });
});
