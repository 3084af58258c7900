import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '../../../../core/http/list-params';
import { PageOf } from '../../../../core/http/pagination';
import { OptionalNotNull, Trimmed } from '../../../../core/http/validation';
import { ApiInteger, ApiTime, ApiUuid } from '../../../../core/openapi/api-formats';
import { DEFAULT_ERP_TIMEOUT_MS, ErpKind } from '../../adapters';
import { ERP_KINDS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../erp-connection.entity';
import { ERP_CONNECTION_LIST } from '../erp-connections.repository';
import {
  K3CloudCredentialsDto,
  K3CloudDefaultsDto,
  KIND_PARTS,
  KindPart,
  U8CredentialsDto,
  U8DefaultsDto,
} from './erp-kind.dto';

const isKind = (value: unknown): value is ErpKind => ERP_KINDS.includes(value as ErpKind);

/** `kind` picks the class its sibling `part` must fit; an unknown kind is refused on its own. */
const KindPartOf = (part: KindPart) =>
  applyDecorators(
    ValidateIf((body: { kind?: unknown }) => isKind(body.kind)),
    IsObject(),
    ValidateNested(),
    Type((options) => {
      const kind = (options?.object as { kind?: unknown } | undefined)?.kind;
      return isKind(kind) ? KIND_PARTS[kind][part] : Object;
    }),
  );

const schemaOf = (k3cloud: ClassType, u8: ClassType) => ({
  oneOf: [{ $ref: getSchemaPath(k3cloud) }, { $ref: getSchemaPath(u8) }],
});

const CREDENTIALS_SCHEMA = {
  ...schemaOf(K3CloudCredentialsDto, U8CredentialsDto),
  description:
    'For `k3cloud` `{ acctID, username, password }`, for `u8` `{ fromAccount, toAccount, appKey, appSecret }`. Sealed at rest; never returned.',
};
const DEFAULTS_SCHEMA = {
  ...schemaOf(K3CloudDefaultsDto, U8DefaultsDto),
  description:
    'For `k3cloud` `{ saleOrgNumber, billTypeNumber?, currencyNumber? }`, for `u8` `{ businesstype, typecode, deptcode, personcode? }`.',
};

const BASE_URL_MESSAGE = {
  message: 'baseUrl must be an http or https URL without user name or password',
  context: { zh: 'baseUrl 必须是 http 或 https 地址，且不含用户名和密码' },
};
/** The adapters append the service's path to it, so a query or fragment would break every call. */
const NO_QUERY = /^[^?#]*$/;
const NO_QUERY_MESSAGE = {
  message: 'baseUrl may not contain a query (?) or a fragment (#)',
  context: { zh: 'baseUrl 不能包含查询串（?）或片段（#）' },
};
const BASE_URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  disallow_auth: true,
};

/** An ERP connection: how the app reaches one K3 Cloud or U8. */
export class CreateErpConnectionDto {
  /** e.g. `金蝶云星空（生产）`. */
  @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name: string;

  @ApiProperty({ enum: ERP_KINDS })
  @IsIn(ERP_KINDS)
  kind: ErpKind;

  /** The ERP's API root, e.g. `https://erp.example.com/K3Cloud` or U8's OpenAPI root. */
  @ApiProperty({ format: 'uri', example: 'https://erp.example.com/K3Cloud' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(BASE_URL_OPTIONS, BASE_URL_MESSAGE)
  @Matches(NO_QUERY, NO_QUERY_MESSAGE)
  baseUrl: string;

  @ApiProperty(CREDENTIALS_SCHEMA)
  @KindPartOf('credentials')
  credentials: K3CloudCredentialsDto | U8CredentialsDto;

  @ApiProperty(DEFAULTS_SCHEMA)
  @KindPartOf('defaults')
  defaults: K3CloudDefaultsDto | U8DefaultsDto;

  /** Whether new jobs use it; activating one deactivates the others. */
  @IsBoolean() active: boolean;

  /** Bounds each call to the ERP, in milliseconds. */
  @ApiPropertyOptional({ type: 'integer', default: DEFAULT_ERP_TIMEOUT_MS })
  @OptionalNotNull()
  @IsInt()
  @Min(MIN_TIMEOUT_MS)
  @Max(MAX_TIMEOUT_MS)
  timeoutMs?: number;
}

/**
 * Any of a connection's fields. `credentials` and `defaults` are replaced
 * whole and checked against the connection's kind; `kind` never changes
 * (sent equal, it is accepted; another one gets 422 ERP_KIND_IMMUTABLE).
 */
export class UpdateErpConnectionDto {
  @OptionalNotNull() @Trimmed() @IsString() @MinLength(1) @MaxLength(100) name?: string;

  @ApiPropertyOptional({ enum: ERP_KINDS })
  @OptionalNotNull()
  @IsIn(ERP_KINDS)
  kind?: ErpKind;

  @ApiPropertyOptional({ format: 'uri', example: 'https://erp.example.com/K3Cloud' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  @IsUrl(BASE_URL_OPTIONS, BASE_URL_MESSAGE)
  @Matches(NO_QUERY, NO_QUERY_MESSAGE)
  baseUrl?: string;

  @ApiPropertyOptional(CREDENTIALS_SCHEMA)
  @OptionalNotNull()
  @IsObject()
  credentials?: K3CloudCredentialsDto | U8CredentialsDto;

  @ApiPropertyOptional(DEFAULTS_SCHEMA)
  @OptionalNotNull()
  @IsObject()
  defaults?: K3CloudDefaultsDto | U8DefaultsDto;

  @OptionalNotNull() @IsBoolean() active?: boolean;

  @ApiPropertyOptional({ type: 'integer' })
  @OptionalNotNull()
  @IsInt()
  @Min(MIN_TIMEOUT_MS)
  @Max(MAX_TIMEOUT_MS)
  timeoutMs?: number;
}

export class ErpConnectionQueryDto extends ListQueryDto(ERP_CONNECTION_LIST) {}

/** A connection as the API shows it: never its credentials, only when they were last set. */
export class ErpConnectionResponse {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ enum: ERP_KINDS }) kind: ErpKind;
  @ApiProperty({ format: 'uri' }) baseUrl: string;
  @ApiProperty(DEFAULTS_SCHEMA) defaults: K3CloudDefaultsDto | U8DefaultsDto;
  active: boolean;
  @ApiInteger() timeoutMs: number;
  /** When `credentials` were last given (on create, or by a PATCH that replaced them). */
  @ApiTime() credentialsSetAt: string;
  @ApiTime() createdAt: string;
  @ApiTime() updatedAt: string;
  @ApiInteger() version: number;
}

export class ErpConnectionPage extends PageOf(ErpConnectionResponse) {}
