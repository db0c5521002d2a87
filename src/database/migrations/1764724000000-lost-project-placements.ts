import { MigrationInterface, QueryRunner } from 'typeorm';
import { newId } from '../../common/identity/ids.js';

/**
 * A project that moved to LOST used to keep its active placements, so its units stayed leased and
 * their area stayed in 承载京冀面积. Lost projects now leave their units as of the loss date; this
 * repairs the records written before: each such placement ends on the loss date (or its own start,
 * if it began later), its unit is VACANT again, the unit's history says so as of that date, and the
 * audit trail records the repair.
 */
export class LostProjectPlacements1764724000000 implements MigrationInterface {
  name = 'LostProjectPlacements1764724000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    let n = 0;
    const p = (): string => (pg ? `$${++n}` : '?');
    const run = async (text: (p: () => string) => string, params: unknown[]): Promise<void> => {
      n = 0;
      await q.query(text(p), params);
    };
    const rows = (await q.query(
      `SELECT pl.id, pl.unit_id, pl.project_id, CAST(pl.start_date AS VARCHAR(10)) AS start_date,
              CAST(pr.stage_changed_at AS VARCHAR(10)) AS lost_on, u.building_id, u.status
         FROM placements pl
         JOIN projects pr ON pr.id = pl.project_id
         JOIN units u ON u.id = pl.unit_id
        WHERE pr.stage = 'LOST' AND pl.active_unit_id IS NOT NULL`,
    )) as { id: string; unit_id: string; project_id: string; start_date: string; lost_on: string; building_id: string; status: string }[];
    for (const r of rows) {
      const end = r.lost_on < r.start_date ? r.start_date : r.lost_on;
      await run((x) => `UPDATE placements SET end_date = ${x()}, active_unit_id = NULL, version = version + 1 WHERE id = ${x()}`, [end, r.id]);
      await run(
        (x) =>
          `UPDATE units SET status = 'VACANT', tenant_company_id = NULL, lease_start = NULL, lease_end = NULL, reserved_for_project_id = NULL,
                  available_from = NULL, project_id = NULL, version = version + 1 WHERE id = ${x()}`,
        [r.unit_id],
      );
      await run(
        (x) =>
          `INSERT INTO unit_status_history (id, unit_id, building_id, from_status, to_status, tenant_company_id, on_date, note, actor_id)
           VALUES (${x()}, ${x()}, ${x()}, ${x()}, 'VACANT', NULL, ${x()}, ${x()}, NULL)`,
        [newId(), r.unit_id, r.building_id, r.status, end, '项目流失，迁出（数据修复）'],
      );
      const changes = JSON.stringify({ endDate: { before: null, after: end }, active: { before: true, after: false }, repair: { before: null, after: 'LOST project placement ended as of the loss date' } });
      await run(
        (x) => `INSERT INTO audit_log (id, actor_id, actor_username, action, entity, entity_id, changes) VALUES (${x()}, NULL, 'migration', 'placement.release', 'Placement', ${x()}, ${x()})`,
        [newId(), r.id, changes],
      );
    }
    if (rows.length) await q.query('UPDATE change_counter SET value = value + 1 WHERE id = 1');
  }

  async down(): Promise<void> {
    // A data repair: the placements it ended stay ended.
  }
}
