import { ApiProperty } from '@nestjs/swagger';
import { apiEnum, type ProjectStage, type Province } from '../../reference/enums.js';

/** A project whose company or lead says Beijing/Hebei but that has no relocation record (so 京冀 figures leave it out). */
export class UnmarkedJingjiItem {
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String }) projectName: string;
  @ApiProperty(apiEnum('ProjectStage')) stage: ProjectStage;
  @ApiProperty({ type: String, format: 'date', nullable: true }) signedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, format: 'uuid' }) companyId: string;
  @ApiProperty({ type: String }) companyName: string;
  @ApiProperty({ ...apiEnum('Province'), nullable: true }) companyOrigin: Province | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leadId: string | null;
  @ApiProperty({ ...apiEnum('Province'), nullable: true }) leadOrigin: Province | null;
  @ApiProperty({ enum: ['BEIJING', 'HEBEI'], enumName: 'JingjiProvince', description: 'the origin the records suggest for the relocation (the company’s, else the lead’s)' })
  suggestedOriginProvince: 'BEIJING' | 'HEBEI';
}

/** One data-quality check with what it finds, for the dashboard. */
export class DataQualityCheck {
  @ApiProperty({ enum: ['UNMARKED_JINGJI'], enumName: 'DataQualityCheckCode' }) code: 'UNMARKED_JINGJI';
  @ApiProperty({ type: String, example: '疑似京冀项目未标注' }) labelZh: string;
  @ApiProperty({ type: 'integer', description: 'live projects the check finds' }) count: number;
  @ApiProperty({ type: 'integer', description: 'of them, those that have signed (the Beijing–Hebei figures would count them once marked)' }) signedCount: number;
  @ApiProperty({ type: String, example: '/api/v1/data-quality/unmarked-jingji', description: 'the list behind the count' }) path: string;
}

export class DataQualitySummary {
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty({ type: () => DataQualityCheck, isArray: true }) checks: DataQualityCheck[];
}
