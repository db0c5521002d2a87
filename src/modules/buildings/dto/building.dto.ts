import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SORTS, type Sort } from '../../../common/pagination/keyset.js';
import { IsIntVersion, IsText, Nullable, PageQuery, QueryBoolean, SearchText } from '../../../common/validation/decorators.js';
import type { Building } from '../building.entity.js';
import type { VacancyStats } from '../vacancy-stats.js';
import { IsArea } from './area.js';
import { VacancyStatsView } from './vacancy.dto.js';

export class CreateBuildingDto {
  @ApiProperty({ example: '天津环球金融中心', maxLength: 200 })
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ type: String, example: 'Tianjin World Financial Center', nullable: true })
  @IsOptional()
  @Nullable()
  @IsText(200)
  nameEn?: string | null;

  @ApiProperty({ example: 'HAIHE_BELT', description: 'zone or belt code, see GET /api/v1/zones' })
  @IsString()
  @MaxLength(32)
  zone: string;

  @ApiPropertyOptional({ type: String, example: '天津市和平区大沽北路2号', nullable: true })
  @IsOptional()
  @Nullable()
  @IsText(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, example: 'A', description: 'office grade (甲级 = A)', nullable: true })
  @IsOptional()
  @Nullable()
  @IsText(8)
  grade?: string | null;

  @ApiPropertyOptional({ type: Number, description: 'gross floor area, m²', example: 196000, nullable: true })
  @IsOptional()
  @Nullable()
  @IsArea()
  totalArea?: number | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'BUILDING_MANAGER users who keep the building current' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  managerIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['FINANCE'], description: '专业特色楼宇: the industries the building specialises in' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  specialtyIndustries?: string[];
}

export class UpdateBuildingDto extends PartialType(CreateBuildingDto) {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;
}

export class ListBuildingsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'zone or belt code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  zone?: string;

  @ApiPropertyOptional({ description: 'substring of the Chinese or English name' })
  @SearchText(100)
  q?: string;

  @ApiPropertyOptional({ description: 'only the buildings assigned to me (building managers)' })
  @QueryBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: 'name' })
  @IsOptional()
  @IsIn(SORTS)
  sort: Sort = 'name';
}

/** 商务楼宇: an office building with its live vacancy figures. */
export class BuildingResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'the seed code of the district’s known buildings' }) code: string | null;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ type: String, description: 'zone or belt code' }) zone: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'office grade (甲级 = A)' }) grade: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'gross floor area, m²' }) totalArea: number | null;
  @ApiProperty({ type: [String], description: '专业特色楼宇: industry codes the building specialises in' }) specialtyIndustries: string[];
  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'its BUILDING_MANAGER users' }) managerIds: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when its units were last changed or its vacancy sheet confirmed' })
  vacancyUpdatedAt: Date | null;
  @ApiProperty({ type: () => VacancyStatsView }) stats: VacancyStatsView;
  @ApiProperty({ type: Boolean }) archived: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

export function toBuildingResponse(b: Building, managerIds: string[], stats: VacancyStats): BuildingResponse {
  return {
    id: b.id,
    code: b.code,
    name: b.name,
    nameEn: b.nameEn,
    zone: b.zoneCode,
    address: b.address,
    grade: b.grade,
    totalArea: b.totalArea,
    specialtyIndustries: b.specialtyIndustries,
    managerIds,
    vacancyUpdatedAt: b.vacancyUpdatedAt,
    stats,
    archived: b.archivedAt !== null,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    version: b.version,
  };
}
