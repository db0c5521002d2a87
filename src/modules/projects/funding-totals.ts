import type { EntityManager } from 'typeorm';
import type { Currency } from '../../common/money/money.js';
import { bool, sql } from '../../database/sql.js';
import type { FundingStatus } from '../reference/enums.js';

export interface TotalsDelta {
  day: string;
  currency: Currency;
  jingji: boolean;
  status: FundingStatus;
  amount: bigint;
  entries: number;
}

/**
 * Keeps funding_day_totals in step with the ledger. Every caller passes its transaction, so a
 * funding and its totals commit together. Upsert syntax (ON CONFLICT … DO UPDATE) is shared by
 * SQLite ≥ 3.24 and PostgreSQL.
 */
export async function addToTotals(em: EntityManager, deltas: TotalsDelta[]): Promise<void> {
  for (const d of deltas) {
    await sql(
      em,
      `INSERT INTO funding_day_totals (day, currency, jingji, status, amount, entries) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, currency, jingji, status)
       DO UPDATE SET amount = funding_day_totals.amount + excluded.amount, entries = funding_day_totals.entries + excluded.entries`,
      [d.day, d.currency, bool(em, d.jingji), d.status, d.amount.toString(), d.entries],
    );
  }
}

/** A project's entries grouped as totals rows, signed: +1 to add them, -1 to take them out. */
export async function projectDeltas(em: EntityManager, projectId: string, jingji: boolean, sign: 1 | -1): Promise<TotalsDelta[]> {
  const rows = await sql<{ day: string; currency: Currency; status: FundingStatus; amount: string | number; entries: string | number }>(
    em,
    `SELECT CAST(date AS VARCHAR(10)) AS day, currency, status, SUM(amount) AS amount, COUNT(*) AS entries
       FROM fundings WHERE project_id = ? GROUP BY date, currency, status`,
    [projectId],
  );
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    jingji,
    status: r.status,
    amount: BigInt(String(r.amount)) * BigInt(sign),
    entries: Number(r.entries) * sign,
  }));
}

/** Rebuilds every total from the ledger (after bulk loads such as the demo generator). */
export async function rebuildTotals(em: EntityManager): Promise<void> {
  await sql(em, 'DELETE FROM funding_day_totals');
  await sql(
    em,
    `INSERT INTO funding_day_totals (day, currency, jingji, status, amount, entries)
     SELECT f.date, f.currency, p.jingji, f.status, SUM(f.amount), COUNT(*)
       FROM fundings f JOIN projects p ON p.id = f.project_id
      WHERE p.archived_at IS NULL
      GROUP BY f.date, f.currency, p.jingji, f.status`,
  );
}
