import { EXAMPLE_IDS } from '../../openapi/example-ids';
import { AuditEventPage, AuditVerificationResponse } from './audit-event.response';

export const AUDIT_EVENT_PAGE_EXAMPLE: AuditEventPage = {
  items: [
    {
      seq: 1207,
      at: '2026-12-05T03:30:00.000Z',
      actorId: EXAMPLE_IDS.supervisor,
      entity: 'customer',
      entityId: EXAMPLE_IDS.customer,
      action: 'transferred',
      data: { fromUserId: EXAMPLE_IDS.rep, toUserId: EXAMPLE_IDS.supervisor },
      prevHash: '3b8e1f0c9a2d4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f',
      hash: 'c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3',
    },
  ],
  nextCursor: null,
};

export const AUDIT_VERIFICATION_EXAMPLE: AuditVerificationResponse = { ok: true, checked: 1207 };
