import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { districtDate } from '../../../common/time/district-clock.js';
import { IsDateOnly, IsIntVersion, IsText, IsUscc, Nullable, PageQuery, QueryBoolean, SearchText } from '../../../common/validation/decorators.js';
import { SORTS, type Sort } from '../../../common/pagination/keyset.js';
import { apiEnum, PROVINCES, type Province, QUALIFICATIONS, type Qualification, keysOf } from '../../reference/enums.js';
import type { CompanyQualification } from '../company-qualification.entity.js';
import type { Company } from '../company.entity.js';
import { qualificationViews } from '../qualifications.js';

/** 资质认定: one award of a qualification, with the date obtained and (default: three years on) the last day held. */
export class QualificationRecordInput {
  @ApiProperty(apiEnum('Qualification'))
  @IsIn(keysOf(QUALIFICATIONS))
  code: Qualification;

  @ApiProperty({ example: '2023-11-06', description: 'the date of the certificate (认定日期); not in the future' })
  @IsDateOnly()
  obtainedOn: string;

  @ApiPropertyOptional({ example: '2026-11-05', description: 'the last day it is held; defaults to three years after obtainedOn, less a day' })
  @IsOptional()
  @IsDateOnly()
  expiresOn?: string;
}

export class CreateCompanyDto {
  @ApiProperty({ example: '天津某某金融科技有限公司', maxLength: 200 })
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ type: String, description: '统一社会信用代码, 18 characters, GB 32100-2015 check character', example: '91350100M000100Y43', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUscc()
  uscc?: string | null;

  @ApiPropertyOptional({ ...apiEnum('Province'), nullable: true })
  @IsOptional()
  @Nullable()
  @IsIn(keysOf(PROVINCES))
  originProvince?: Province | null;

  @ApiPropertyOptional({ type: String, maxLength: 100, nullable: true })
  @IsOptional()
  @Nullable()
  @IsText(100)
  originCity?: string | null;

  @ApiPropertyOptional({ type: String, description: 'industry code, see GET /api/v1/industries', example: 'FINANCE', nullable: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MaxLength(32)
  industry?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'segment codes of the industry' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  segments?: string[];

  @ApiPropertyOptional({
    ...apiEnum('Qualification'),
    isArray: true,
    description:
      'the codes the company holds today, when their dates are not known: recorded as obtained today (valid three years). ' +
      'On PATCH, a held code left out ends yesterday. Prefer qualificationRecords, which carry the dates.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(keysOf(QUALIFICATIONS), { each: true })
  qualifications?: Qualification[];

  @ApiPropertyOptional({ type: [QualificationRecordInput], description: "the company's complete list of awards with their dates (replaces the list on PATCH)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QualificationRecordInput)
  qualificationRecords?: QualificationRecordInput[];
}

export class UpdateCompanyDto extends PartialType(CreateCompanyDto) {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;
}

export class ListCompaniesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'substring of the name, or an exact USCC' })
  @SearchText(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  industry?: string;

  @ApiPropertyOptional(apiEnum('Province'))
  @IsOptional()
  @IsIn(keysOf(PROVINCES))
  originProvince?: Province;

  @QueryBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(SORTS)
  sort: Sort = '-createdAt';
}

/** The list's filters and order, for an export of every matching company. */
export class ExportCompaniesQuery extends OmitType(ListCompaniesQuery, ['limit', 'cursor'] as const) {}

/** One qualification award of a company, with its dates. */
export class QualificationAwardView {
  @ApiProperty(apiEnum('Qualification')) code: Qualification;
  @ApiProperty({ type: String, format: 'date' }) obtainedOn: string;
  @ApiProperty({ type: String, format: 'date', description: 'the last day it is held' }) expiresOn: string;
  @ApiProperty({ type: Boolean, description: 'held today in the district' }) held: boolean;
}

/** A company (企业) as the API shows it. */
export class CompanyResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true, description: '统一社会信用代码' }) uscc: string | null;
  @ApiProperty({ ...apiEnum('Province'), nullable: true }) originProvince: Province | null;
  @ApiProperty({ type: String, nullable: true }) originCity: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'industry code, see GET /api/v1/industries' }) industry: string | null;
  @ApiProperty({ type: [String], description: 'segment codes of the industry' }) segments: string[];
  @ApiProperty({ ...apiEnum('Qualification'), isArray: true, description: 'the codes held today' }) qualifications: Qualification[];
  @ApiProperty({ type: () => QualificationAwardView, isArray: true, description: 'every award with its dates (国家高新技术企业 counts while held at the as-of date)' })
  qualificationRecords: QualificationAwardView[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: Boolean }) archived: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** A likely duplicate named in the response of a create. */
export class DuplicateWarning {
  @ApiProperty({ enum: ['LIKELY_DUPLICATE'] }) code: 'LIKELY_DUPLICATE';
  @ApiProperty({ type: String }) message: string;
  @ApiProperty({ type: String, format: 'uuid' }) companyId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) uscc: string | null;
  @ApiProperty({ type: Number, description: 'name similarity, 0–1' }) score: number;
}

/** A new company, with the live companies it probably duplicates (the create is not refused for them). */
export class CreatedCompanyResponse extends CompanyResponse {
  @ApiProperty({ type: () => DuplicateWarning, isArray: true }) warnings: DuplicateWarning[];
}

export function toCompanyResponse(c: Company, records: CompanyQualification[] = [], today = districtDate()): CompanyResponse {
  const q = qualificationViews(records, today);
  return {
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    originProvince: c.originProvince,
    originCity: c.originCity,
    industry: c.industryCode,
    segments: c.segments,
    qualifications: q.held,
    qualificationRecords: q.records,
    createdById: c.createdById,
    archived: c.archivedAt !== null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}
