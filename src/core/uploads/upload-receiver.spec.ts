import { inEnglish } from '../errors/field-errors.testing';
import multipart from '@fastify/multipart';
import Fastify, { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { DomainException } from '../errors/domain.exception';
import { ReceivedForm, UploadForm, UploadReceiver } from './upload-receiver';

interface Part {
  name: string;
  content: Buffer | string;
  filename?: string;
  contentType?: string;
}

const BOUNDARY = 'receiver-spec-boundary';

function multipartBody(parts: Part[]): Buffer {
  const chunks = parts.flatMap((part) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"` +
        (part.filename === undefined ? '' : `; filename="${part.filename}"`) +
        (part.contentType ? `\r\nContent-Type: ${part.contentType}` : '') +
        '\r\n\r\n',
    ),
    Buffer.from(part.content),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

type Outcome = { received: ReceivedForm & { content: string } } | { refused: DomainException };

describe('UploadReceiver', () => {
  let dataDir: string;
  let uploads: string;
  let receiver: UploadReceiver;
  let server: FastifyInstance;
  let form: UploadForm;
  let outcome: Outcome;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'upload-receiver-'));
    uploads = join(dataDir, 'tmp', 'uploads');
    receiver = new UploadReceiver({ dataDir } as AppConfig);
    // No file size limit here, as in registerMultipart: each form brings its own.
    server = Fastify({ bodyLimit: 1024 * 1024 });
    await server.register(multipart, { limits: { files: 1, fields: 10, parts: 12 } });
    server.post('/upload', async (request) => {
      try {
        const received = await receiver.receive(request, form);
        // Accepted files are the caller's to delete, as the routes do.
        outcome = {
          received: { ...received, content: readFileSync(received.file.path, 'latin1') },
        };
        rmSync(received.file.path);
      } catch (error) {
        outcome = { refused: error as DomainException };
      }
      return {};
    });
    await server.ready();
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    form = { maxFileBytes: 1024, textFields: ['ownerId'], fallbackFileName: 'upload' };
  });

  async function send(parts: Part[]): Promise<Outcome> {
    await server.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipartBody(parts),
    });
    return outcome;
  }

  const leftInUploads = () => readdir(uploads).catch(() => []);

  function refusal(result: Outcome) {
    if (!('refused' in result)) throw new Error('the upload was accepted');
    const { code, kind, options } = result.refused;
    return { code, kind, errors: inEnglish(options.errors), extensions: options.extensions };
  }

  it('streams the file to a temporary file, with its hash, size, name and declared type', async () => {
    const content = '客户名称,电话\n杭州某阀门厂,13800138000\n';
    const result = await send([
      { name: 'ownerId', content: 'u-1' },
      { name: 'file', content, filename: '客户.csv', contentType: 'text/csv' },
    ]);
    if (!('received' in result)) throw result.refused;
    const bytes = Buffer.from(content);
    expect(result.received.file).toEqual({
      path: expect.stringContaining(uploads),
      fileName: '客户.csv',
      declaredType: 'text/csv',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
    expect(result.received.content).toBe(bytes.toString('latin1'));
    expect(result.received.fields).toEqual(new Map([['ownerId', 'u-1']]));
  });

  it("applies each form's own size limit, below and above the plugin's default", async () => {
    const tooLarge = await send([{ name: 'file', content: 'x'.repeat(1025), filename: 'a.txt' }]);
    expect(refusal(tooLarge)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      kind: 'payload_too_large',
      extensions: { maxBytes: 1024 },
    });
    form = { maxFileBytes: 3 * 1024 * 1024, textFields: [], fallbackFileName: 'upload' };
    const large = await send([
      { name: 'file', content: 'x'.repeat(2 * 1024 * 1024), filename: 'big.txt' },
    ]);
    expect('received' in large && large.received.file.size).toBe(2 * 1024 * 1024);
  });

  it('names unknown fields, a text field named file, and a missing file', async () => {
    const unknown = await send([
      { name: 'file', content: 'abc', filename: 'a.txt' },
      { name: 'dryRun', content: 'true' },
    ]);
    expect(refusal(unknown)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'dryRun', message: 'is not a field of this form (file, ownerId)' }],
    });
    const textFile = await send([{ name: 'file', content: 'abc' }]);
    expect(refusal(textFile).errors).toEqual([
      { field: 'file', message: 'must be a file, sent with a filename' },
    ]);
    const missing = await send([{ name: 'ownerId', content: 'u-1' }]);
    expect(refusal(missing).errors).toEqual([{ field: 'file', message: 'is required' }]);
  });

  it('removes the temporary file of every refused upload', async () => {
    await send([{ name: 'file', content: 'x'.repeat(5000), filename: 'a.txt' }]);
    await send([
      { name: 'file', content: 'abc', filename: 'a.txt' },
      { name: 'other', content: 'x' },
    ]);
    expect(await leftInUploads()).toEqual([]);
  });

  it('keeps a file name safe to store: control characters out, a fallback for none', async () => {
    for (const [filename, expected] of [
      ['a\u0000.csv', 'a.csv'],
      ['', 'upload'],
    ]) {
      const result = await send([{ name: 'file', content: 'abc', filename }]);
      expect('received' in result && result.received.file.fileName).toBe(expected);
    }
  });

  it.each([
    [
      'no boundary',
      'multipart/form-data',
      multipartBody([{ name: 'file', content: 'x', filename: 'a' }]),
    ],
    [
      'another boundary',
      'multipart/form-data; boundary=other',
      multipartBody([{ name: 'file', content: 'x', filename: 'a' }]),
    ],
    [
      'a body cut short',
      `multipart/form-data; boundary=${BOUNDARY}`,
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form`),
    ],
  ])(
    'answers a malformed body (%s) with 400, leaving nothing behind',
    async (_label, type, payload) => {
      await server.inject({
        method: 'POST',
        url: '/upload',
        headers: { 'content-type': type },
        payload,
      });
      expect(refusal(outcome)).toMatchObject({ code: 'VALIDATION_FAILED', kind: 'invalid' });
      expect(await leftInUploads()).toEqual([]);
    },
  );

  it('refuses a body that is not multipart', async () => {
    await server.inject({ method: 'POST', url: '/upload', payload: { file: 'x' } });
    expect(refusal(outcome).errors).toEqual([
      { field: 'file', message: 'send the file as multipart/form-data' },
    ]);
  });

  it('removes files older than an hour at boot, which a dead process left', async () => {
    mkdirSync(uploads, { recursive: true });
    const stale = join(uploads, 'stale.upload');
    const fresh = join(uploads, 'fresh.upload');
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    await receiver.onApplicationBootstrap();
    expect(await leftInUploads()).toEqual(['fresh.upload']);
    rmSync(fresh);
  });
});
