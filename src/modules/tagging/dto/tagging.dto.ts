import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsText } from '../../../common/validation/decorators.js';

export class SuggestTagsDto {
  @ApiProperty({ example: '一般项目：融资租赁业务；租赁交易咨询；兼营与主营业务有关的商业保理业务（不得从事吸收存款业务）', maxLength: 20000, description: 'free text, typically a business scope (经营范围)' })
  @IsText(20000, { multiline: true })
  text: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class SuggestionResponse {
  @ApiProperty({ type: String, example: 'FINANCE' }) industry: string;
  @ApiProperty({ example: 'FINANCE_FINANCING_LEASE', nullable: true, type: String }) segment: string | null;
  @ApiProperty({ type: Number, example: 0.82, description: '0–1, best first' }) score: number;
  @ApiProperty({ example: ['融资租赁', '租赁交易咨询'], type: [String] }) matched: string[];
}
