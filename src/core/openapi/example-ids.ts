/**
 * One small organisation that every example in the spec shares, so that the
 * examples of different routes fit together: 王磊, a rep in 杭州一组 under
 * 李娜, and his customer 陈建国 of 杭州精工配件有限公司.
 */
export const EXAMPLE_IDS = {
  admin: '4f2a6c8e-0b1d-4e3f-9a5c-7e9b1d3f5a70',
  rep: '5b1e7c2a-9d4f-4e6b-8a3c-1f2e3d4c5b6a',
  supervisor: '8c2f4a6b-1e3d-4f5a-9b7c-2d4e6f8a0b1c',
  region: '3e9a1c5d-7f2b-4d8e-a6c4-0b2d4f6a8c1e',
  team: '6a4c8e2f-0b1d-4a3c-8e5f-7a9b1c3d5e7f',
  store: 'd7e9f1a3-5c7e-4b9d-8f1a-3c5e7a9b1d3f',
  customer: '0f8c2a6e-3b1d-4c5e-9a7f-2d4b6c8e1a30',
  followUp: '9a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d',
  attachment: 'e4f6a8b0-2c4e-4f6a-9b8c-d0e2f4a6b8c0',
  playbook: '2b4d6f8a-0c2e-4a4c-8e6a-8b0d2f4a6c8e',
  triggerRule: '7c9e1a3b-5d7f-4b1d-9f3a-5c7e9b1d3f5a',
  todo: '1d3f5b7c-9e1a-4c5e-8a7c-9e1b3d5f7a9c',
  customerImport: 'c5e7a9b1-3d5f-4a7c-9e1b-3d5f7a9c1e3a',
  apiKey: 'f1a3c5e7-9b1d-4f3a-8c5e-7a9b1d3f5c7e',
  product: 'a8c0e2f4-6b8d-4a0c-9e2f-4b6d8f0a2c4e',
  quote: 'b2d4f6a8-0c2e-4b4d-8f6a-0c2e4b6d8f0a',
  quoteTemplate: 'c3e5a7b9-1d3f-4c5e-9a7b-1d3f5c7e9a1b',
  approvalStep: 'd4f6b8c0-2e4a-4d6f-8b0c-2e4a6d8f0b2c',
  financeBp: 'e5a7c9d1-3f5b-4e7a-9c1d-3f5b7e9a1c3d',
  contract: 'f6b8d0e2-4a6c-4f8b-9d0e-4a6c8f0b2d4e',
  order: 'a7c9e1f3-5b7d-4a9c-8e1f-5b7d9a1c3e5f',
  productImport: 'd6f8b0c2-4e6a-4b8d-8f0a-2c4e6b8d0f1b',
  erpSyncJob: 'b8d0f2a4-6c8e-4b0d-9f2a-4c6e8b0d2f4a',
  erpConnection: 'e8a0c2d4-6f8b-4c0e-9a2c-4e6f8b0d2a4c',
  rebatePolicy: 'c9e1a3b5-7d9f-4e1b-8a3c-5e7f9a1b3c5d',
  rebateCalculation: 'd0f2b4c6-8e0a-4f2c-9b4d-6f8a0b2c4d6e',
  alertRule: 'e1a3c5d7-9f1b-4a3d-8c5e-7a9b1c3d5f7b',
  customField: 'f2b4d6e8-0a2c-4b4e-9d6f-8b0c2d4e6f8c',
  kbArticle: 'a3c5e7f9-1b3d-4e5f-8a7c-9e1b3d5f7a9e',
  kbPush: 'b4d6f8a0-2c4e-4f6a-9b8d-0f2a4c6e8b0d',
  kbPushRun: 'c5e7a9b1-3d5f-4a7b-8c9e-1a3c5e7b9d1f',
  ticket: 'a3c5e7f9-1b3d-4e5f-8a7b-9c1d3e5f7a9b',
  ticketReply: 'b4d6f8a0-2c4e-4f6a-9b8c-0d2e4f6a8b0c',
} as const;

/** An opaque cursor, as lists answer it. */
export const EXAMPLE_CURSOR = 'eyJrIjpbIjIwMjYtMTItMDVUMDI6MzA6MDAuMDAwWiJdfQ';
