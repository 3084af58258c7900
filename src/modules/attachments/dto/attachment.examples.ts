import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { AttachmentResponse } from './attachment.dto';

export const ATTACHMENT_EXAMPLE: AttachmentResponse = {
  id: EXAMPLE_IDS.attachment,
  sha256: '9f2c4b6a8e0d1c3f5a7b9d1e3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a',
  size: 482133,
  mimeType: 'application/pdf',
  fileName: '精工配件方案书-2026Q4.pdf',
  createdAt: '2026-12-05T02:20:00.000Z',
};
