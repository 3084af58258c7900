import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../http/pagination';

export class AuditQueryDto extends PageQueryDto {
  /** e.g. `customer`, `settings`, `api_key`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  entityId?: string;
}
