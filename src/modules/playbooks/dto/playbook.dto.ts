import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageOf, PageQueryDto } from '../../../core/http/pagination';
import { PLAYBOOK_KINDS, PlaybookKind } from '../playbook.entity';

export const MAX_PLAYBOOK_ATTACHMENTS = 20;

export class CreatePlaybookDto {
  /** e.g. `阀门客户价格异议话术包`. */
  @IsString() @MinLength(1) @MaxLength(200) title: string;

  @ApiProperty({ enum: PLAYBOOK_KINDS })
  @IsIn(PLAYBOOK_KINDS)
  kind: PlaybookKind;

  /** The playbook itself, in Markdown. */
  @IsString() @MinLength(1) @MaxLength(50_000) content: string;

  /** Attachments you may see (upload them first with `POST /attachments`); they become readable by everyone. */
  @IsOptional()
  @ArrayMaxSize(MAX_PLAYBOOK_ATTACHMENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class PlaybookQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PLAYBOOK_KINDS, required: false })
  @IsOptional()
  @IsIn(PLAYBOOK_KINDS)
  kind?: PlaybookKind;
}

export class PlaybookResponse {
  id: string;
  title: string;
  @ApiProperty({ enum: PLAYBOOK_KINDS }) kind: PlaybookKind;
  /** Markdown. */
  content: string;
  /** Read them with `GET /attachments/{id}`. */
  attachmentIds: string[];
  /** The author's user id; null when an API key created it. */
  createdBy: string | null;
  createdAt: string;
  version: number;
}

export class PlaybookPage extends PageOf(PlaybookResponse) {}
