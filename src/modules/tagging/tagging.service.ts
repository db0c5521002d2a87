import { Injectable } from '@nestjs/common';
import { ReferenceService } from '../reference/reference.service.js';
import { SuggestionResponse } from './dto/tagging.dto.js';
import { Tagger } from './tagger.js';

/** Suggests a record's industry and sub-sectors from free text, with the district's keyword dictionary. */
@Injectable()
export class TaggingService {
  private compiled: { source: unknown; tagger: Tagger } | null = null;

  constructor(private readonly reference: ReferenceService) {}

  async suggest(text: string, limit = 5): Promise<SuggestionResponse[]> {
    return (await this.tagger()).suggest(text, limit);
  }

  /** Compiled once per dictionary: the reference cache hands out the same array until it is reloaded. */
  private async tagger(): Promise<Tagger> {
    const industries = await this.reference.listIndustries();
    if (this.compiled?.source !== industries) this.compiled = { source: industries, tagger: new Tagger(industries) };
    return this.compiled.tagger;
  }
}
