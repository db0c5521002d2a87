import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '../../../common/validation/decorators.js';
import type { CompanyMerge, MergeDetails } from '../company-merge.entity.js';
import type { CompanyResponse } from './company.dto.js';

export class DuplicatesQuery extends PageQuery {
  @ApiPropertyOptional({ minimum: 0.5, maximum: 1, default: 0.8, description: 'least name similarity of a reported pair (1: same name key)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.5)
  @Max(1)
  minScore?: number;
}

export class MergeCompanyDto {
  @ApiProperty({ format: 'uuid', description: 'the surviving company; the one in the path is merged into it and archived' })
  @IsUUID('all')
  intoId: string;
}

export interface DuplicateMember {
  id: string;
  name: string;
  uscc: string | null;
  industry: string | null;
  originProvince: string | null;
  createdAt: Date;
  leadCount: number;
  projectCount: number;
}

/** Companies that are probably one: the same USCC, the same name key or similar names. */
export interface DuplicateGroup {
  /** the normalised name the group shares (of its first member) */
  nameKey: string;
  reason: 'SAME_NAME' | 'SIMILAR_NAME';
  /** the highest similarity between two members, 0–1 */
  score: number;
  companies: DuplicateMember[];
}

export interface MergeResponse {
  id: string;
  /** the company merged away (archived) */
  sourceCompanyId: string;
  /** the surviving company */
  targetCompanyId: string;
  moved: { leads: number; projects: number; units: number };
  details: MergeDetails;
  mergedById: string | null;
  createdAt: Date;
  undoneAt: Date | null;
  undoneById: string | null;
  source?: CompanyResponse;
  target?: CompanyResponse;
}

export function toMergeResponse(m: CompanyMerge, companies?: { source: CompanyResponse; target: CompanyResponse }): MergeResponse {
  return {
    id: m.id,
    sourceCompanyId: m.sourceCompanyId,
    targetCompanyId: m.targetCompanyId,
    moved: { leads: m.details.leadIds.length, projects: m.details.projectIds.length, units: m.details.unitIds.length },
    details: m.details,
    mergedById: m.mergedById,
    createdAt: m.createdAt,
    undoneAt: m.undoneAt,
    undoneById: m.undoneById,
    ...companies,
  };
}
