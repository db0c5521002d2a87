import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { UUID_PATTERN } from '../identity/ids.js';

/** Route ids are UUIDs; anything else is a 400 with a field detail rather than a 404 or a 500. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const v = typeof value === 'string' ? value.toLowerCase() : value;
    if (typeof v !== 'string' || !UUID_PATTERN.test(v)) {
      throw new BadRequestException({ message: 'Validation failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
    }
    return v;
  }
}
