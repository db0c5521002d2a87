import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIntVersion, IsText, IsUscc, Nullable, PageQuery, QueryBoolean } from '../../../common/validation/decorators.js';
import { SORTS, type Sort } from '../../../common/pagination/keyset.js';
import { PROVINCES, type Province, QUALIFICATIONS, type Qualification, keysOf } from '../../reference/enums.js';
import type { Company } from '../company.entity.js';

export class CreateCompanyDto {
  @ApiProperty({ example: '天津某某金融科技有限公司', maxLength: 200 })
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ description: '统一社会信用代码, 18 characters, GB 32100-2015 check character', example: '91350100M000100Y43' })
  @IsOptional()
  @Nullable()
  @IsUscc()
  uscc?: string | null;

  @ApiPropertyOptional({ enum: keysOf(PROVINCES) })
  @IsOptional()
  @Nullable()
  @IsIn(keysOf(PROVINCES))
  originProvince?: Province | null;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Nullable()
  @IsText(100)
  originCity?: string | null;

  @ApiPropertyOptional({ description: 'industry code, see GET /api/v1/industries', example: 'FINANCE' })
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

  @ApiPropertyOptional({ enum: keysOf(QUALIFICATIONS), isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(keysOf(QUALIFICATIONS), { each: true })
  qualifications?: Qualification[];
}

export class UpdateCompanyDto extends PartialType(CreateCompanyDto) {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;
}

export class ListCompaniesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'substring of the name, or an exact USCC' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  industry?: string;

  @ApiPropertyOptional({ enum: keysOf(PROVINCES) })
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

export interface CompanyResponse {
  id: string;
  name: string;
  uscc: string | null;
  originProvince: Province | null;
  originCity: string | null;
  industry: string | null;
  segments: string[];
  qualifications: Qualification[];
  createdById: string | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function toCompanyResponse(c: Company): CompanyResponse {
  return {
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    originProvince: c.originProvince,
    originCity: c.originCity,
    industry: c.industryCode,
    segments: c.segments,
    qualifications: c.qualifications,
    createdById: c.createdById,
    archived: c.archivedAt !== null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}
