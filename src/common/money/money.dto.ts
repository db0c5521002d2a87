import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CURRENCIES, type Currency, type MoneyDto as MoneyShape } from './money.js';

/** For @ApiProperty: an amount on the wire, a decimal string with exactly two places ("1250000.00"). */
export const DECIMAL_AMOUNT = { type: String, pattern: '^-?\\d+\\.\\d{2}$', example: '1250000.00' };

/** Money as the API shows it: `{ amount: "1250000.00", currency: "CNY" }`, exact. */
@ApiSchema({ name: 'Money' })
export class MoneyDto implements MoneyShape {
  @ApiProperty({ ...DECIMAL_AMOUNT, description: 'yuan (or dollars), two decimal places' })
  amount: string;

  @ApiProperty({ enum: CURRENCIES, enumName: 'Currency' })
  currency: Currency;
}
