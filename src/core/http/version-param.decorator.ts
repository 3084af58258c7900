import { ArgumentMetadata, Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { InvalidInputException } from '../errors/domain.exception';
import { httpMessages } from './http.messages';

/** A version number in a path: a whole number from 1 to 2^31 − 1, as PostgreSQL's integer holds. */
@Injectable()
export class ParseVersionPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const version = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!(version <= 2_147_483_647)) {
      throw new InvalidInputException([
        { field: metadata.data ?? 'version', message: httpMessages.notVersion },
      ]);
    }
    return version;
  }
}

/** A version number path parameter, checked by ParseVersionPipe and documented as an integer. */
export function VersionParam(name: string): ParameterDecorator {
  return (target, method, index) => {
    Param(name, ParseVersionPipe)(target, method, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, method!)!;
    ApiParam({ name, schema: { type: 'integer', minimum: 1 } })(target, method!, descriptor);
  };
}
