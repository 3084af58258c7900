import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ParseIdPipe } from './parse-id.pipe';

/**
 * A UUID path parameter: checked by ParseIdPipe (400 naming it otherwise) and
 * documented as `format: uuid`, which Nest cannot infer from a pipe.
 */
export function IdParam(name = 'id'): ParameterDecorator {
  return (target, method, index) => {
    Param(name, ParseIdPipe)(target, method, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, method!)!;
    ApiParam({ name, type: String, format: 'uuid' })(target, method!, descriptor);
  };
}
