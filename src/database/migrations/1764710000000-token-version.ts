import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A per-user token version, carried in every access token and compared by the auth guard: changing a
 * user's password, role or active flag bumps it, so tokens issued before stop working at once.
 * Existing tokens carry no version and count as version 0, which every user starts at.
 */
export class TokenVersion1764710000000 implements MigrationInterface {
  name = 'TokenVersion1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'token_version', type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'token_version');
  }
}
