import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsIntVersion, IsText } from '../../../common/validation/decorators.js';
import type { Department } from '../department.entity.js';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'MARKET_REGULATION', description: 'UPPER_SNAKE_CASE, unique', maxLength: 32 })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'code must be UPPER_SNAKE_CASE (A–Z, 0–9, _), 2–32 characters' })
  code: string;

  @ApiProperty({ example: '区市场监管局', maxLength: 100 })
  @IsText(100)
  nameZh: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'active DEPARTMENT users: they receive its notices and work on its problems' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  contactUserIds?: string[];
}

export class UpdateDepartmentDto {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsText(100)
  nameZh?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the contacts' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  contactUserIds?: string[];

  @ApiPropertyOptional({ type: Boolean, description: 'an inactive department takes no new problems' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class DepartmentContactResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) displayName: string;
}

export class DepartmentResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: Boolean }) active: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) contactUserIds: string[];
  @ApiProperty({ type: () => [DepartmentContactResponse] }) contacts: DepartmentContactResponse[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: Number }) version: number;
}

export function toDepartmentResponse(d: Department, contacts: DepartmentContactResponse[]): DepartmentResponse {
  return {
    id: d.id,
    code: d.code,
    nameZh: d.nameZh,
    active: d.active,
    contactUserIds: contacts.map((c) => c.id),
    contacts,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    version: d.version,
  };
}
