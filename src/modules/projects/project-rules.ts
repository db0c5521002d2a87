import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { sql } from '../../database/sql.js';

/** Archived projects change no more (their figures are out of the plan); unarchive first. */
export function assertNotArchived(p: { id: string; archivedAt: Date | null }): void {
  if (p.archivedAt) throw DomainError.conflict('ARCHIVED', `Project ${p.id} is archived; unarchive it first`);
}

/** The day the project first landed (注册落地: REGISTERED, or OPERATING reached directly), by its current stage history. */
export async function landedOn(em: EntityManager, projectId: string): Promise<string | null> {
  const [row] = await sql<{ day: string | null }>(
    em,
    `SELECT CAST(MIN(at) AS VARCHAR(10)) AS day FROM project_transitions
      WHERE project_id = ? AND to_stage IN ('REGISTERED', 'OPERATING') AND superseded_at IS NULL`,
    [projectId],
  );
  return row?.day ?? null;
}
