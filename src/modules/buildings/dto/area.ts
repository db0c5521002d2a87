import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { parseMinorUnits } from '../../../common/money/money.js';

/** Largest area accepted for a building or unit (m²): far above any real one, catches typos. */
export const MAX_AREA = 10_000_000;
/** Largest asking rent accepted (元/㎡·天): a monthly rent (元/㎡·月) typed into the daily field is caught. */
export const MAX_ASKING_RENT_FEN = 10_000n;

/** An area in m²: a positive number with at most two decimals. */
export function IsArea(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isArea',
      validator: {
        validate: (v: unknown) =>
          typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_AREA && Math.abs(Math.round(v * 100) - v * 100) < 1e-6,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a positive number of m² with at most two decimal places (at most ${MAX_AREA})`,
          options,
        ),
      },
    },
    options,
  );
}

/** An asking rent in 元/㎡·天: a positive decimal (string or number) with at most two places. */
export function IsAskingRent(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAskingRent',
      validator: {
        validate: (v: unknown) => {
          const fen = parseMinorUnits(v);
          return fen !== null && fen > 0n && fen <= MAX_ASKING_RENT_FEN;
        },
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a positive rent in 元/㎡·天 (per day) with at most two decimal places, at most 100.00; a monthly rent must be divided by 30`,
          options,
        ),
      },
    },
    options,
  );
}
