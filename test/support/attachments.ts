import { randomUUID } from 'node:crypto';
import { API, TestApp } from './test-app';

/** A small, well-formed PDF; `note` makes its bytes (and so its sha256) unique. */
export function pdfFile(note: string = randomUUID()): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '%\u00e2\u00e3\u00cf\u00d3',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${note}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** A 1×1 PNG. */
export const PNG_FILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface UploadedAttachment {
  id: string;
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
  createdAt: string;
}

/** Uploads a file through the API as `auth` and returns the attachment (expects 201). */
export async function uploadAttachment(
  app: TestApp,
  auth: string,
  content: Buffer = pdfFile(),
  fileName = '报价单.pdf',
): Promise<UploadedAttachment> {
  const response = await app
    .api()
    .post(`${API}/attachments`)
    .set('authorization', auth)
    .attach('file', content, fileName)
    .expect(201);
  return response.body as UploadedAttachment;
}
