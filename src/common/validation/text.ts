/**
 * How text input is normalised before it is validated and stored, in one place for every field
 * (the `IsText` and `SearchText` decorators use it; imports go through the same DTOs).
 *
 * - Invisible format characters are dropped everywhere: zero-width space/joiners (U+200B–U+200D),
 *   word joiner, BOM, soft hyphen, bidi marks, embeddings, overrides (U+202E) and isolates, tag
 *   characters (all of Unicode's `Cf`), and the Hangul fillers that render as nothing. They let
 *   "\u200B\u200B" pass for a name and hid a duplicate company behind an identical-looking name.
 * - Control characters (`Cc`: NUL, BEL, ESC, the C1 range…) are refused (detail code
 *   `noControlCharacters`), except tab and line breaks in multi-line free text. NUL is refused in
 *   every string of every request before this (see `nulCharacterIssues`).
 * - Canonical composition (NFC) everywhere: it changes no character's meaning; it also maps the CJK
 *   compatibility ideographs (U+F900–U+FAFF) to their unified ideographs, as registers spell names.
 * - Names and other one-line fields: full-width letters and digits fold to ASCII (ＡＢＣ１２３ → ABC123)
 *   and every run of white space (tabs, line breaks, the ideographic space U+3000) becomes one space.
 *   Not full NFKC: it would turn the full-width brackets and colons of registered Chinese company
 *   names ("和平（天津）科技有限公司") into ASCII, "㎡" into "m2", "Ⅱ期" into "II期" and "①" into "1".
 * - Free text (notes, summaries, messages): line breaks become "\n", tabs, the ideographic space and
 *   full-width characters stay as typed.
 */

const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u034F]/gu;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_TAB_AND_NEWLINE = /[^\P{Cc}\t\n]/u;
/** Something a reader can see: not white space, a mark on nothing, a format or a control character. */
const VISIBLE = /[^\p{White_Space}\p{M}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** A one-line field (names, codes, addresses, search terms) as it is compared and stored. */
export function normalizeLine(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\p{White_Space}+/gu, ' ')
    .trim();
}

/** Multi-line free text (notes, summaries, messages) as it is stored. */
export function normalizeMultiline(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
}

/** Whether the (normalised) text holds a control character it may not hold. */
export function hasControlCharacters(value: string, multiline: boolean): boolean {
  return (multiline ? CONTROL_BUT_TAB_AND_NEWLINE : CONTROL).test(value);
}

/** Whether the text shows anything at all. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

/** Removes what `normalizeLine` removes, for comparisons of names stored before it existed. */
export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '');
}
