import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InvalidInputException } from '../errors/domain.exception';
import { httpMessages } from './http.messages';

/** Path ids are UUIDs; anything else is a 400 naming the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) {
      throw new InvalidInputException([
        { field: metadata.data ?? 'id', message: httpMessages.notUuid },
      ]);
    }
    return value;
  }
}
