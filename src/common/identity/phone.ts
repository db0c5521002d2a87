/**
 * Chinese phone numbers as officers type them: "138 1234 5678", "+86-138-1234-5678", "0086 13812345678"
 * become "13812345678"; landlines "022-2345 6789" / "(022)23456789" become "022-23456789".
 */
export function normalizeChinesePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s\-()（）]/g, '');
  const mobile = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(compact);
  if (mobile) return mobile[1];
  // Area codes 010 and 020–029 have three digits (then an 8-digit number); all others have four.
  const landline = /^(?:\+?86|0086)?(0[12]\d)(\d{8})$/.exec(compact) ?? /^(?:\+?86|0086)?(0[3-9]\d{2})(\d{7,8})$/.exec(compact);
  if (landline) return `${landline[1]}-${landline[2]}`;
  return null;
}
