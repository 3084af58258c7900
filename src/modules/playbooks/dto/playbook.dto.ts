import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { ApiInteger, ApiTime, ApiUuid, ApiUuids } from '../../../core/openapi/api-formats';
import { PLAYBOOK_KINDS, PlaybookKind } from '../playbook.entity';
import { Trimmed } from '../../../core/http/validation';
import { PLAYBOOK_LIST } from '../playbooks.repository';

export const MAX_PLAYBOOK_ATTACHMENTS = 20;

export class CreatePlaybookDto {
  /** e.g. `阀门客户价格异议话术包`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(200) title: string;

  @ApiProperty({ enum: PLAYBOOK_KINDS })
  @IsIn(PLAYBOOK_KINDS)
  kind: PlaybookKind;

  /** The playbook itself, in Markdown. */
  @IsString() @MinLength(1) @MaxLength(50_000) content: string;

  /** Attachments you may see (upload them first with `POST /attachments`); they become readable by everyone. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PLAYBOOK_ATTACHMENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class PlaybookQueryDto extends ListQueryDto(PLAYBOOK_LIST) {
  @AnyOf({ enum: PLAYBOOK_KINDS }) kind?: PlaybookKind[];
}

export class PlaybookResponse {
  @ApiUuid() id: string;
  title: string;
  @ApiProperty({ enum: PLAYBOOK_KINDS }) kind: PlaybookKind;
  /** Markdown. */
  content: string;
  /** Read them with `GET /attachments/{id}`. */
  @ApiUuids() attachmentIds: string[];
  /** The author's user id; null when an API key created it. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
  @ApiInteger() version: number;
}

export class PlaybookPage extends PageOf(PlaybookResponse) {}
