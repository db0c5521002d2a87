/** Years a qualification (资质, e.g. 国家高新技术企业) is valid from the day it was obtained. */
export const QUALIFICATION_VALIDITY_YEARS = 3;

/**
 * The last day a qualification obtained on `obtainedOn` is held by default: three years, less a day
 * (obtained 2021-12-01 → held through 2024-11-30; 2020-02-29 → 2023-02-28).
 */
export function qualificationExpiry(obtainedOn: string): string {
  const y = Number(obtainedOn.slice(0, 4));
  const m = Number(obtainedOn.slice(5, 7));
  const d = Number(obtainedOn.slice(8, 10));
  // Date.UTC rolls 29 February of a common year over to 1 March; the day before is then 28 February.
  return new Date(Date.UTC(y + QUALIFICATION_VALIDITY_YEARS, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}

/** Held on `day`: obtained on or before it and not expired before it. */
export function heldOn(record: { obtainedOn: string; expiresOn: string }, day: string): boolean {
  return record.obtainedOn <= day && day <= record.expiresOn;
}
