import { hasControlCharacters, hasVisibleCharacter, normalizeLine, normalizeMultiline } from './text.js';

describe('text normalisation', () => {
  it('drops zero-width, bidi and other invisible format characters', () => {
    expect(normalizeLine('和\u200B平\u200C科\u200D技\u2060\uFEFF\u00AD')).toBe('和平科技');
    expect(normalizeLine('\u202Eevil\u202C \u2066x\u2069')).toBe('evil x');
    expect(normalizeMultiline('备\u200B注')).toBe('备注');
  });

  it('folds full-width letters and digits and white space in one-line text, keeping full-width punctuation', () => {
    expect(normalizeLine('ＡＢＣ１２３（天津）：，')).toBe('ABC123（天津）：，');
    expect(normalizeLine('  和平\t金融\r\n科技\u3000大厦  ')).toBe('和平 金融 科技 大厦');
    expect(normalizeLine('Ⅱ期 ① 100㎡')).toBe('Ⅱ期 ① 100㎡');
  });

  it('maps CJK compatibility ideographs to the unified ones (canonical, NFC)', () => {
    expect(normalizeLine('\uF900')).toBe('\u8C48');
  });

  it('keeps line breaks, tabs and full-width characters in free text', () => {
    expect(normalizeMultiline(' 第一行\r\n\t第二行\r第三行　１００㎡ ')).toBe('第一行\n\t第二行\n第三行　１００㎡');
  });

  it('tells control characters apart from tabs and line breaks', () => {
    expect(hasControlCharacters('a\u0000b', true)).toBe(true);
    expect(hasControlCharacters('a\u0007b', false)).toBe(true);
    expect(hasControlCharacters('a\u009Bb', true)).toBe(true);
    expect(hasControlCharacters('a\n\tb', true)).toBe(false);
    expect(hasControlCharacters('a\nb', false)).toBe(true);
  });

  it('finds nothing visible in marks, format characters and fillers alone', () => {
    expect(hasVisibleCharacter('\uFE0F\u0301')).toBe(false);
    expect(hasVisibleCharacter('\u3164\u2800 ')).toBe(false);
    expect(hasVisibleCharacter('和')).toBe(true);
  });
});
