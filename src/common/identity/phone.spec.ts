import { normalizeChinesePhone } from './phone.js';

describe('normalizeChinesePhone', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['022-2345 6789', '022-23456789'],
    ['(022)23456789', '022-23456789'],
    ['0311-8765432', '0311-8765432'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeChinesePhone(input)).toBe(expected);
  });

  it.each(['12812345678', '1381234567', '138123456789', 'phone', ''])('rejects %s', (input) => {
    expect(normalizeChinesePhone(input)).toBeNull();
  });
});
