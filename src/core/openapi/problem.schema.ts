import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorSchema {
  /** The field, header or parameter at fault, e.g. `lines[2].unitPrice`. */
  @ApiProperty({ example: 'phone' })
  field: string;
  @ApiProperty({ example: 'already belongs to another customer' })
  message: string;
}

/**
 * RFC 9457 problem details. Beside the standard members, some codes carry
 * members of their own (listed below, each naming the codes that send it),
 * so a client can act without parsing `detail`.
 */
export class ProblemSchema {
  @ApiProperty({ example: 'https://sales-api.dev/problems/duplicate-phone' })
  type: string;
  @ApiProperty({ example: 'Conflict' })
  title: string;
  @ApiProperty({ type: 'integer', example: 409 })
  status: number;
  @ApiProperty({ example: 'A customer with this phone already exists' })
  detail: string;
  /** Stable machine code, UPPER_SNAKE. */
  @ApiProperty({ example: 'DUPLICATE_PHONE' })
  code: string;
  @ApiPropertyOptional({ type: FieldErrorSchema, isArray: true })
  errors?: FieldErrorSchema[];

  /** `DUPLICATE_PHONE`: the customer that already holds the phone. */
  @ApiPropertyOptional({ format: 'uuid', example: '0f8c2a6e-3b1d-4c5e-9a7f-2d4b6c8e1a30' })
  existingCustomerId?: string;
  /** `DUPLICATE_PHONE`, `ALREADY_OWNED`: the user who owns that customer; null for the pool. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  ownerId?: string | null;
  /** `STALE_VERSION`: the version the resource is at; send it as `If-Match` after re-reading. */
  @ApiPropertyOptional({ type: 'integer', example: 4 })
  currentVersion?: number;
  /** `RATE_LIMITED`, `TOO_MANY_LOGIN_ATTEMPTS`, `DATABASE_UNAVAILABLE`: seconds to wait, as in `Retry-After`. */
  @ApiPropertyOptional({ type: 'integer', example: 30 })
  retryAfterSeconds?: number;
  /** `CONFIRMATION_EXPIRED`: when the confirmation link expired. */
  @ApiPropertyOptional({ format: 'date-time' })
  expiredAt?: string;
  /** `CONFIRMATION_USED`: when the customer confirmed the follow-up. */
  @ApiPropertyOptional({ format: 'date-time' })
  confirmedAt?: string;
  /** `TOO_MANY_ROWS`: the most data rows one import takes. */
  @ApiPropertyOptional({ type: 'integer' })
  maxRows?: number;
  /** `FILE_TOO_LARGE`: the largest file the route accepts, in bytes. */
  @ApiPropertyOptional({ type: 'integer' })
  maxBytes?: number;
  /** `IMPORT_NOT_COMPLETED`: the import's status (`running` or `failed`). */
  @ApiPropertyOptional({ enum: ['running', 'failed'] })
  importStatus?: string;
  /** `UNSUPPORTED_MEDIA_TYPE`: why the file was refused. */
  @ApiPropertyOptional()
  reason?: string;
}
