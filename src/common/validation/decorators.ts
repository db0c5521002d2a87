import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
  buildMessage,
} from 'class-validator';
import { isCalendarDate } from '../time/district-clock.js';
import { parseMinorUnits } from '../money/money.js';
import { normalizeUscc, usccProblem } from '../identity/uscc.js';
import { normalizeChinesePhone } from '../identity/phone.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../pagination/cursor.js';
import { hasControlCharacters, hasVisibleCharacter, normalizeLine, normalizeMultiline } from './text.js';

/** A business date, "2024-05-01", that exists in the calendar. */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v),
        defaultMessage: buildMessage((each) => `${each}$property must be a date in YYYY-MM-DD form`, options),
      },
    },
    options,
  );
}

/** An instant with an explicit offset: "2024-05-01T09:30:00+08:00" or "…Z". */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' && pattern.test(v) && isCalendarDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 8601 date-time with an offset, e.g. 2024-05-01T09:30:00+08:00`,
          options,
        ),
      },
    },
    options,
  );
}

/** A money amount: a decimal string or number with at most two places. `positive` forbids zero and below. */
export function IsMoneyAmount(opts: { positive?: boolean } = {}, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoneyAmount',
      validator: {
        validate: (v: unknown) => {
          const minor = parseMinorUnits(v);
          if (minor === null) return false;
          return opts.positive ? minor > 0n : minor >= 0n;
        },
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a ${opts.positive ? 'positive' : 'non-negative'} decimal amount with at most two decimal places (as a string or number, below 10 trillion)`,
          options,
        ),
      },
    },
    options,
  );
}

/** 统一社会信用代码: trimmed and upper-cased, then checked against GB 32100-2015. */
export function IsUscc(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalizeUscc(value) : value)),
    ValidateBy({
      name: 'isUscc',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && usccProblem(v) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `uscc ${usccProblem(args.value) ?? 'is invalid'}`
            : 'uscc must be an 18-character unified social credit code',
      },
    }),
  );
}

/** A Chinese mobile or landline number, normalised ("+86 138-1234-5678" → "13812345678"). */
export function IsChinesePhone(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? (normalizeChinesePhone(value) ?? value) : value)),
    ValidateBy({
      name: 'isChinesePhone',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && normalizeChinesePhone(v) === v,
        defaultMessage: () => 'contactPhone must be a Chinese mobile (11 digits, 1[3-9]…) or landline number',
      },
    }),
  );
}

/** Refuses control characters left after normalisation (detail code `noControlCharacters`). */
function NoControlCharacters(multiline: boolean): PropertyDecorator {
  return ValidateBy({
    name: 'noControlCharacters',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || !hasControlCharacters(v, multiline),
      defaultMessage: buildMessage(
        (each) => `${each}$property must not contain control characters${multiline ? ' (tabs and line breaks are fine)' : ''}`,
      ),
    },
  });
}

/**
 * A normalised, visible, bounded string (see ./text.ts): invisible characters dropped, controls
 * refused, white space folded. One-line by default (names, codes, addresses); `multiline` for free
 * text (notes, summaries, messages), which keeps line breaks, tabs and full-width characters.
 */
export function IsText(maxLength: number, opts: { multiline?: boolean } = {}): PropertyDecorator {
  const multiline = opts.multiline ?? false;
  const normalize = multiline ? normalizeMultiline : normalizeLine;
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalize(value) : value)),
    IsString(),
    ValidateBy({
      name: 'isNotBlank',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && hasVisibleCharacter(v),
        defaultMessage: buildMessage((each) => `${each}$property must not be empty (or only invisible characters)`),
      },
    }),
    NoControlCharacters(multiline),
    MaxLength(maxLength),
  );
}

/** A search term in a query string (`q`): normalised as names are, so it finds what names store. */
export function SearchText(maxLength = 100): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalizeLine(value) : value)),
    IsOptional(),
    IsString(),
    NoControlCharacters(false),
    MaxLength(maxLength),
  );
}

/** "true"/"false" in a query string, as a boolean. */
export function QueryBoolean(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsOptional(),
    IsBoolean(),
    ApiPropertyOptional({ type: Boolean }),
  );
}

/** The paging parameters shared by every list. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit: number = DEFAULT_LIMIT;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** In a PATCH body: `null` clears the field (skips the other validators), absent leaves it unchanged. */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_o: object, v: unknown) => v !== null);
}

/** The `version` precondition field of an update body. */
export function IsIntVersion(): PropertyDecorator {
  return applyDecorators(IsInt({ message: 'version must be the integer version you read' }), Min(1));
}
