import { ApiProperty, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ALL_ENUMS, type EnumLabel } from '../enums.js';
import type { IndustryGroup, ZoneKind } from '../reference.entities.js';

export class IndustrySegmentView {
  @ApiProperty({ type: String, example: 'FINANCE_FINANCING_LEASE' }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String }) nameEn: string;
  @ApiProperty({ type: [String], description: 'words of a business scope that suggest the segment' }) keywords: string[];
}

/** One of the six industries (六大产业) with its sub-sectors. */
export class IndustryView {
  @ApiProperty({ type: String, example: 'FINANCE' }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String }) nameEn: string;
  @ApiProperty({ enum: ['ESTABLISHED', 'GROWTH'], enumName: 'IndustryGroup' }) group: IndustryGroup;
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ type: () => IndustrySegmentView, isArray: true }) segments: IndustrySegmentView[];
}

/** One of the five zones and three belts (五区三带). */
export class ZoneView {
  @ApiProperty({ type: String, example: 'HAIHE_BELT' }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String }) nameEn: string;
  @ApiProperty({ enum: ['ZONE', 'BELT'], enumName: 'ZoneKind' }) kind: ZoneKind;
  @ApiProperty({ type: [String], description: 'industry codes' }) focusIndustries: string[];
  @ApiProperty({ type: String, nullable: true }) descriptionZh: string | null;
}

/** The labels of one enum value. */
export class EnumLabelView implements EnumLabel {
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: String }) nameEn: string;
}

/** The schema of GET /enums, built from ALL_ENUMS itself: every enum by name, every value with its labels. */
export function enumsSchema(): SchemaObject {
  const label = { $ref: getSchemaPath(EnumLabelView) };
  const properties: Record<string, SchemaObject> = {};
  for (const [name, values] of Object.entries(ALL_ENUMS)) {
    const keys = Object.keys(values);
    properties[name] = { type: 'object', required: keys, properties: Object.fromEntries(keys.map((k) => [k, label])) };
  }
  return { type: 'object', required: Object.keys(ALL_ENUMS), properties };
}
