import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, ApiUuid } from '../../../../core/openapi/api-formats';

export class ActionComplianceGroup {
  /** The user (groupBy=rep) or org unit (groupBy=team) id. */
  @ApiUuid() key: string;
  /** The user's display name or the org unit's name. */
  name: string;
  @ApiInteger() due: number;
  @ApiInteger() fulfilled: number;
  /** fulfilled / due × 100, rounded half-up to 2 places. */
  ratePct: number;
}

export class ActionComplianceResponse {
  /** Obligations due in the range (settled ones), plus the quotes that needed approval and were signed in it. */
  @ApiInteger() due: number;
  @ApiInteger() fulfilled: number;
  /** fulfilled / due × 100, rounded half-up to 2 places; null when nothing is due. */
  @ApiProperty({ type: Number, nullable: true })
  ratePct: number | null;
  /** One per owner (or the owner's org unit) with something due, by name. */
  @ApiProperty({ type: [ActionComplianceGroup] })
  groups: ActionComplianceGroup[];
  /** What is counted, in words, in the caller's language. */
  definition: string;
}
