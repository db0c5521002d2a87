import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CURRENCIES, type Currency } from '../../../common/money/money.js';
import { IsDateOnly, IsInstant, IsMoneyAmount, IsText } from '../../../common/validation/decorators.js';
import { apiEnum, ACTIVITY_TYPES, keysOf, type ActivityType } from '../../reference/enums.js';

/** 资金到位: one funds-in-place entry. */
export class CreateFundingDto {
  @ApiProperty({ example: '2024-05-01', description: 'the date the funds arrived; not in the future' })
  @IsDateOnly()
  date: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '5000000.00' })
  @IsMoneyAmount({ positive: true })
  amount: string | number;

  @ApiProperty({ enum: CURRENCIES, enumName: 'Currency' })
  @IsIn(CURRENCIES)
  currency: Currency;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(1000, { multiline: true })
  note?: string;
}

/** 冲销: reverses a funds-in-place entry with a reason; the original stays in the ledger. */
export class ReverseFundingDto {
  @ApiProperty({ example: '金额录入错误，应为 500 万元', maxLength: 500 })
  @IsText(500, { multiline: true })
  reason: string;

  @ApiPropertyOptional({
    example: '2025-07-01',
    description: 'the date of the reversing entry; defaults to today (Asia/Shanghai), never before the original entry, not in the future',
  })
  @IsOptional()
  @IsDateOnly()
  date?: string;
}

export class CreateActivityDto {
  @ApiProperty(apiEnum('ActivityType'))
  @IsIn(keysOf(ACTIVITY_TYPES))
  type: ActivityType;

  @ApiProperty({ example: '2024-05-01T10:00:00+08:00' })
  @IsInstant()
  at: string;

  @ApiProperty({ example: '与企业董事长会谈，确认区域总部选址意向' })
  @IsText(2000, { multiline: true })
  summary: string;

  @ApiPropertyOptional({ example: '2024-05-15T09:00:00+08:00', description: 'when to follow up next' })
  @IsOptional()
  @IsInstant()
  nextFollowUpAt?: string;
}
