import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AnyOf, ListQueryDto } from '../../../core/http/list-params';
import { PageOf } from '../../../core/http/pagination';
import { TagList, Trimmed } from '../../../core/http/validation';
import { ApiTime, ApiUuid } from '../../../core/openapi/api-formats';
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  CustomFieldEntity,
  CustomFieldType,
  KEY_PATTERN,
  MAX_OPTION_LENGTH,
  MAX_OPTIONS,
} from '../domain/custom-field';
import { CUSTOM_FIELD_LIST } from '../custom-fields.repository';

/** A custom field's `key`, as KEY_PATTERN allows: 400 in English and Chinese otherwise. */
export const IsCustomFieldKey = () =>
  applyDecorators(
    ApiProperty({ example: 'tasting_feedback', pattern: KEY_PATTERN.source }),
    IsString(),
    Matches(KEY_PATTERN, {
      message: 'key must be a lower-case letter, then up to 39 lower-case letters, digits or _',
      context: { zh: 'key 必须以小写字母开头，其后最多 39 个小写字母、数字或 _' },
    }),
  );

export class CreateCustomFieldDto {
  /** The records that carry the field. */
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES, example: 'follow_up' })
  @IsIn(CUSTOM_FIELD_ENTITIES)
  entity: CustomFieldEntity;

  /**
   * The field's name inside `customFields`, e.g. `tasting_feedback`: a lower-case
   * letter, then up to 39 lower-case letters, digits or `_`. Unique per entity
   * among live fields.
   */
  @IsCustomFieldKey()
  key: string;

  /** What people read, e.g. `试吃反馈`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(100) label: string;

  @ApiProperty({ enum: CUSTOM_FIELD_TYPES, example: 'select' })
  @IsIn(CUSTOM_FIELD_TYPES)
  type: CustomFieldType;

  /**
   * The choices, each trimmed, none blank or twice: required and non-empty for
   * `select` and `multiselect`, refused for the other types.
   */
  @ApiPropertyOptional({ type: String, isArray: true, example: ['满意', '一般', '需改进'] })
  @TagList()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_OPTION_LENGTH, { each: true })
  options?: string[];

  /** Whether every new record (and every write of `customFields`) must give a value. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class CustomFieldQueryDto extends ListQueryDto(CUSTOM_FIELD_LIST) {
  @AnyOf({ enum: CUSTOM_FIELD_ENTITIES }, 'Fields of any of these entities.')
  entity?: CustomFieldEntity[];
}

export class CustomFieldResponse {
  @ApiUuid() id: string;
  @ApiProperty({ enum: CUSTOM_FIELD_ENTITIES }) entity: CustomFieldEntity;
  key: string;
  label: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) type: CustomFieldType;
  /** The choices of a select or multiselect; null for other types. */
  @ApiProperty({ type: String, isArray: true, nullable: true }) options: string[] | null;
  required: boolean;
  /** Its author; null for an integrator's API key. */
  @ApiUuid() createdBy: string | null;
  @ApiTime() createdAt: string;
}

export class CustomFieldPage extends PageOf(CustomFieldResponse) {}
