import type { IndustryView, ZoneView } from '../../reference/dto/reference.dto.js';
import type { EnumLabel } from '../../reference/enums.js';
import { ChoiceMap } from '../sheet/cells.js';

/** An enum of enums.ts as choices: code, Chinese and English label. */
export function enumChoices(labels: Record<string, EnumLabel>, simplify?: (key: string) => string): ChoiceMap {
  return new ChoiceMap(
    Object.entries(labels).map(([code, l]) => ({ code, words: [l.nameZh, l.nameEn] })),
    simplify,
  );
}

/** 北京市 / 北京 / 河北省 / 河北 / 广西壮族自治区 / 广西 all name the same province. */
export function provinceKey(key: string): string {
  return key.replace(/(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$/, '');
}

/**
 * The district's reference data as choices and labels: industries, sub-sectors and zones by code or
 * Chinese name, for reading sheets; code → Chinese name, for writing them.
 */
export class ReferenceChoices {
  readonly industries: ChoiceMap;
  readonly zones: ChoiceMap;
  private readonly segmentsByIndustry = new Map<string, ChoiceMap>();
  readonly allSegments: ChoiceMap;
  private readonly names = new Map<string, string>();

  constructor(industries: IndustryView[], zones: ZoneView[]) {
    this.industries = new ChoiceMap(industries.map((i) => ({ code: i.code, words: [i.nameZh, i.nameEn] })));
    this.zones = new ChoiceMap(zones.map((z) => ({ code: z.code, words: [z.nameZh, z.nameEn] })));
    const all = [];
    for (const i of industries) {
      this.names.set(i.code, i.nameZh);
      const segs = i.segments.map((s) => ({ code: s.code, words: [s.nameZh, s.nameEn] }));
      this.segmentsByIndustry.set(i.code, new ChoiceMap(segs));
      all.push(...segs);
      for (const s of i.segments) this.names.set(s.code, s.nameZh);
    }
    this.allSegments = new ChoiceMap(all);
    for (const z of zones) this.names.set(z.code, z.nameZh);
  }

  segmentsOf(industry: string | null | undefined): ChoiceMap {
    return (industry && this.segmentsByIndustry.get(industry)) || this.allSegments;
  }

  /** The Chinese name of an industry, segment or zone code (the code when unknown). */
  nameOf(code: string | null | undefined): string | null {
    if (!code) return null;
    return this.names.get(code) ?? code;
  }
}
