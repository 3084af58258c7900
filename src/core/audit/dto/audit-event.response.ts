import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../http/pagination';
import { ApiInteger, ApiTime, ApiUuid } from '../../openapi/api-formats';
import { ChainedAuditEvent } from '../domain/hash-chain';

export class AuditEventResponse {
  /** Position in the chain; gaps are possible where a transaction rolled back. */
  @ApiInteger() seq: number;
  @ApiTime() at: string;
  /** The acting user or API key id; null for the system. */
  @ApiUuid() actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
  /** sha256 hex of the previous event; 64 zeros for the first. */
  prevHash: string;
  /** sha256(prevHash + canonical JSON of the event), hex. */
  hash: string;

  static from(event: ChainedAuditEvent): AuditEventResponse {
    return { ...event, seq: Number(event.seq), data: event.data as Record<string, unknown> };
  }
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}

export class AuditVerificationResponse {
  /** True when every event's hash and link are intact. */
  ok: boolean;
  /** How many events were checked and found good. */
  @ApiInteger() checked: number;
  /** The first event whose hash or link is wrong. */
  @ApiInteger() firstBadSeq?: number;
}
