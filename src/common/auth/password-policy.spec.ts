import { passwordProblems } from './password-policy.js';

const codes = (password: string, username = 'wang.li'): string[] => passwordProblems(password, username).map((p) => p.code);

describe('password policy', () => {
  it('accepts long passphrases and random passwords', () => {
    expect(codes('harbour-lantern-pine-47')).toEqual([]);
    expect(codes('Xk3#pQ9!vL2@')).toEqual([]);
    expect(codes('海河边的灯塔与松树二零二六')).toEqual([]);
  });

  it('refuses the username inside the password, in any case', () => {
    expect(codes('wang.li')).toEqual(['passwordContainsUsername']);
    expect(codes('Hello-WANG.LI-2026')).toEqual(['passwordContainsUsername']);
  });

  it('refuses one repeated character, spaces included', () => {
    expect(codes('aaaaaaaaaaaa')).toEqual(['passwordRepeatedCharacter']);
    expect(codes(' '.repeat(12))).toEqual(['passwordRepeatedCharacter']);
    expect(codes('哈'.repeat(12))).toEqual(['passwordRepeatedCharacter']);
  });

  it('refuses listed passwords whole or wrapped in digits and symbols', () => {
    expect(codes('password1234')).toEqual(['passwordCommon']);
    expect(codes('PASSWORD1234')).toEqual(['passwordCommon']);
    expect(codes('2026!iloveyou!!')).toEqual(['passwordCommon']);
    expect(codes('123456789012')).toEqual(['passwordCommon']);
    // A listed word inside a longer phrase is not on its own a common password.
    expect(codes('dragon-boat-festival-2026')).toEqual([]);
  });
});
