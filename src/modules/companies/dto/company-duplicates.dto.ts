import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsText, PageQuery } from '../../../common/validation/decorators.js';
import { FIELD_CHANGES, FieldChange } from '../../audit/dto/audit.dto.js';
import { apiEnum, type Province } from '../../reference/enums.js';
import type { CompanyMerge, MergeDetails } from '../company-merge.entity.js';
import { CompanyResponse } from './company.dto.js';

export class DuplicatesQuery extends PageQuery {
  @ApiPropertyOptional({ minimum: 0.5, maximum: 1, default: 0.8, description: 'least name similarity of a reported pair (1: same name key)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.5)
  @Max(1)
  minScore?: number;
}

/** GET /companies/similar: the name being typed (a new company's, a lead's). */
export class SimilarCompaniesQuery {
  @ApiProperty({ example: '某某科技（天津）有限公司', description: 'a company name as typed; region, brackets and legal form do not matter' })
  @IsText(200)
  name: string;
}

/** The company a similar-name match found, as a warning shows it. */
export class SimilarCompanyRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '统一社会信用代码' }) uscc: string | null;
}

/** A live company whose name is likely the same as the one typed. */
export class SimilarCompany {
  @ApiProperty({ type: () => SimilarCompanyRef }) company: SimilarCompanyRef;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, description: 'name similarity of the two names without region and legal form (1: the same)' }) score: number;
}

export class MergeCompanyDto {
  @ApiProperty({ format: 'uuid', description: 'the surviving company; the one in the path is merged into it and archived' })
  @IsUUID('all')
  intoId: string;
}

export class DuplicateMember {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) uscc: string | null;
  @ApiProperty({ type: String, nullable: true }) industry: string | null;
  @ApiProperty({ ...apiEnum('Province'), nullable: true }) originProvince: Province | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'integer' }) leadCount: number;
  @ApiProperty({ type: 'integer' }) projectCount: number;
}

/** Companies that are probably one: the same USCC, the same name key or similar names. */
export class DuplicateGroup {
  @ApiProperty({ type: String, description: 'the normalised name the group shares (of its first member)' }) nameKey: string;
  @ApiProperty({ enum: ['SAME_NAME', 'SIMILAR_NAME'], enumName: 'DuplicateReason' }) reason: 'SAME_NAME' | 'SIMILAR_NAME';
  @ApiProperty({ type: Number, description: 'the highest similarity between two members, 0–1' }) score: number;
  @ApiProperty({ type: () => DuplicateMember, isArray: true }) companies: DuplicateMember[];
}

/** Records a merge moved. */
export class MergeMoved {
  @ApiProperty({ type: 'integer' }) leads: number;
  @ApiProperty({ type: 'integer' }) projects: number;
  @ApiProperty({ type: 'integer' }) units: number;
}

/** What a merge changed, kept so that it can be undone exactly. */
@ApiExtraModels(FieldChange)
export class MergeDetailsView implements MergeDetails {
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) leadIds: string[];
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) projectIds: string[];
  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'units whose tenant was the merged company' }) unitIds: string[];
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    isArray: true,
    description: 'qualification awards moved to the surviving company (absent in merges recorded before awards had dates)',
  })
  qualificationIds?: string[];
  @ApiProperty({ ...FIELD_CHANGES, description: 'fields of the surviving company that the merge filled in, before and after' })
  filled: MergeDetails['filled'];
  @ApiProperty({ type: String, nullable: true, description: 'the merged company’s USCC, moved to the surviving company when it had none' })
  movedUscc: string | null;
}

/** 企业合并: one company merged into another (and perhaps undone). */
export class MergeResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'the company merged away (archived)' }) sourceCompanyId: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'the surviving company' }) targetCompanyId: string;
  @ApiProperty({ type: () => MergeMoved }) moved: MergeMoved;
  @ApiProperty({ type: () => MergeDetailsView }) details: MergeDetailsView;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mergedById: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) undoneAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) undoneById: string | null;
  @ApiPropertyOptional({ type: () => CompanyResponse, description: 'the merged company as it is now' }) source?: CompanyResponse;
  @ApiPropertyOptional({ type: () => CompanyResponse, description: 'the surviving company as it is now' }) target?: CompanyResponse;
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
