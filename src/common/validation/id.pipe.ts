import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import { UUID_PATTERN } from '../identity/ids.js';

/** Route ids are UUIDs; anything else is a 400 with a field detail rather than a 404 or a 500. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const v = typeof value === 'string' ? value.toLowerCase() : value;
    if (typeof v !== 'string' || !UUID_PATTERN.test(v)) {
      throw DomainError.invalid('id', 'id must be a UUID', 'isUuid');
    }
    return v;
  }
}
