import type { ValueTransformer } from 'typeorm';
import { minorUnitsFromDb } from '../common/money/money.js';

/** bigint money columns: bigint in code, written as a decimal string (exact on both drivers). */
export const minorUnits: ValueTransformer = {
  to: (v: bigint | null | undefined) => (v === null || v === undefined ? v : v.toString()),
  from: (v: unknown) => (v === null || v === undefined ? null : minorUnitsFromDb(v)),
};

/** numeric(14,2) areas: PostgreSQL returns strings, SQLite numbers; code sees numbers. */
export const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
};
