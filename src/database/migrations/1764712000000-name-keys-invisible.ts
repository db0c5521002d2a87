import { MigrationInterface, QueryRunner } from 'typeorm';

/** The invisible characters people paste most (zero-width, joiners, BOM, soft hyphen, bidi marks and overrides). */
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

/**
 * Company name keys now ignore zero-width and bidi characters (they hid duplicates). Keys computed
 * before, of names holding such characters, are cleared; the duplicate finder refills cleared keys
 * before it compares (CompanyDuplicatesService.ensureKeys). Names themselves are left as entered.
 */
export class NameKeysInvisible1764712000000 implements MigrationInterface {
  name = 'NameKeysInvisible1764712000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const where = INVISIBLE.map((_, i) => `name LIKE ${pg ? `$${i + 1}` : '?'}`).join(' OR ');
    await q.query(`UPDATE companies SET name_key = NULL WHERE ${where}`, INVISIBLE.map((c) => `%${c}%`));
  }

  async down(): Promise<void> {
    // Nothing to undo: cleared keys are recomputed on use.
  }
}
