import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorSchema {
  /** The field, header or parameter at fault, e.g. `lines[2].unitPrice`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details. */
export class ProblemSchema {
  @ApiProperty({ example: 'https://sales-api.dev/problems/validation-failed' })
  type: string;
  @ApiProperty({ example: 'Bad Request' })
  title: string;
  @ApiProperty({ example: 400 })
  status: number;
  @ApiProperty({ example: 'The request has invalid or unknown fields' })
  detail: string;
  /** Stable machine code, UPPER_SNAKE. */
  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code: string;
  @ApiProperty({ type: FieldErrorSchema, isArray: true, required: false })
  errors?: FieldErrorSchema[];
}
