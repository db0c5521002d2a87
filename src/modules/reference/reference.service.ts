import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, ErrorCode, FieldIssue } from '../../common/errors/domain-error.js';
import type { IndustryView, ZoneView } from './dto/reference.dto.js';
import { Industry, IndustrySegment, Zone } from './reference.entities.js';

/** The district's six industries and five zones / three belts, and the checks records make against them. */
@Injectable()
export class ReferenceService {
  private cache: { industries: IndustryView[]; zones: ZoneView[]; segmentIndustry: Map<string, string> } | null = null;

  constructor(
    @InjectRepository(Industry) private readonly industries: Repository<Industry>,
    @InjectRepository(IndustrySegment) private readonly segments: Repository<IndustrySegment>,
    @InjectRepository(Zone) private readonly zones: Repository<Zone>,
  ) {}

  /** Reference data changes only through seeds or admin routes, which call this. */
  invalidate(): void {
    this.cache = null;
  }

  private async load(): Promise<NonNullable<ReferenceService['cache']>> {
    if (this.cache) return this.cache;
    const [industries, segments, zones] = await Promise.all([
      this.industries.find({ order: { sortOrder: 'ASC' } }),
      this.segments.find({ order: { sortOrder: 'ASC' } }),
      this.zones.find({ order: { sortOrder: 'ASC' } }),
    ]);
    const views: IndustryView[] = industries.map((i) => ({
      code: i.code,
      nameZh: i.nameZh,
      nameEn: i.nameEn,
      group: i.group,
      keywords: i.keywords,
      segments: segments
        .filter((s) => s.industryCode === i.code)
        .map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, keywords: s.keywords })),
    }));
    this.cache = {
      industries: views,
      zones: zones.map((z) => ({
        code: z.code,
        nameZh: z.nameZh,
        nameEn: z.nameEn,
        kind: z.kind,
        focusIndustries: z.focusIndustries,
        descriptionZh: z.descriptionZh,
      })),
      segmentIndustry: new Map(segments.map((s) => [s.code, s.industryCode])),
    };
    return this.cache;
  }

  async listIndustries(): Promise<IndustryView[]> {
    return (await this.load()).industries;
  }

  async listZones(): Promise<ZoneView[]> {
    return (await this.load()).zones;
  }

  /**
   * Checks industry, segment and zone codes against the reference data. Segments must belong to
   * the given industry (or, with `anyIndustry`, to some industry). Throws one 400 with every problem.
   */
  async assertTags(tags: {
    industry?: string | null;
    segments?: string[] | null;
    zone?: string | null;
    segmentsOfIndustry?: string | null;
  }): Promise<void> {
    const ref = await this.load();
    const problems: FieldIssue[] = [];
    if (tags.industry && !ref.industries.some((i) => i.code === tags.industry)) {
      problems.push({ field: 'industry', code: 'unknownIndustry', message: `unknown industry '${tags.industry}'; see GET /api/v1/industries` });
    }
    if (tags.zone && !ref.zones.some((z) => z.code === tags.zone)) {
      problems.push({ field: 'zone', code: 'unknownZone', message: `unknown zone '${tags.zone}'; see GET /api/v1/zones` });
    }
    const owner = tags.segmentsOfIndustry ?? tags.industry ?? null;
    for (const [n, code] of (tags.segments ?? []).entries()) {
      const industry = ref.segmentIndustry.get(code);
      if (!industry) problems.push({ field: `segments.${n}`, code: 'unknownSegment', message: `unknown segment '${code}'` });
      else if (owner && industry !== owner) {
        problems.push({ field: `segments.${n}`, code: 'segmentNotInIndustry', message: `segment '${code}' belongs to ${industry}, not ${owner}` });
      }
    }
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
  }

  async industryCodes(): Promise<string[]> {
    return (await this.load()).industries.map((i) => i.code);
  }

}
