import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError, ErrorCode, type FieldIssue } from '../errors/domain-error.js';

/** The length rule, checked by the DTOs (detail code `minLength`) and for ADMIN_PASSWORD at boot. */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * Detail codes of a refused password, so a page can explain each in Chinese:
 * - `passwordContainsUsername`: the password is or contains the username;
 * - `passwordRepeatedCharacter`: one character repeated (`aaaaaaaaaaaa`, twelve spaces);
 * - `passwordCommon`: on the shipped list of common passwords, whole or with digits and symbols
 *   around a listed word (`password1234`, `Qwertyuiop2026!`).
 */
export type PasswordProblemCode = 'passwordContainsUsername' | 'passwordRepeatedCharacter' | 'passwordCommon';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

let common: Set<string> | undefined;

/** seeds/common-passwords.txt (or under SEEDS_DIR, like the reference data), read once. */
function commonPasswords(): Set<string> {
  if (!common) {
    const file = resolve(process.env.SEEDS_DIR ?? 'seeds', 'common-passwords.txt');
    common = new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return common;
}

/** What is wrong with `password` for the account `username`, beyond its length; empty when nothing. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && lower.includes(name)) {
    problems.push({ code: 'passwordContainsUsername', message: 'password must not contain the username' });
  }
  const chars = [...password];
  if (chars.length > 0 && chars.every((c) => c === chars[0])) {
    problems.push({ code: 'passwordRepeatedCharacter', message: 'password must not be one character repeated' });
  } else {
    const list = commonPasswords();
    // A listed word with digits or symbols around it ("password1234", "Qwertyuiop2026!") is as guessable.
    const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
    if (list.has(lower) || (core.length >= 4 && list.has(core))) {
      problems.push({ code: 'passwordCommon', message: 'password is too common (it is on the list of common passwords)' });
    }
  }
  return problems;
}

/** Throws a 400 with one `password` detail per problem. */
export function assertPasswordAcceptable(password: string, username: string, field = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length === 0) return;
  const details: FieldIssue[] = problems.map((p) => ({ field, code: p.code, message: p.message }));
  throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', details);
}
