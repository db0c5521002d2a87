import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { CURRENCIES, type Currency, formatMinorUnits, minorUnitsFromDb } from '../../common/money/money.js';
import { districtDate, districtDayStart } from '../../common/time/district-clock.js';
import type { Env } from '../../config/env.js';
import { sql } from '../../database/sql.js';
import { addDays } from '../buildings/calendar.js';
import { Notification } from '../notifications/notification.entities.js';
import { applyProjectFilters, ProjectFilters } from '../projects/project-list.js';
import { Project } from '../projects/project.entity.js';
import { OPEN_STAGES } from '../projects/stage-machine.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { WorkbenchSummaryResponse } from './dto/workbench.dto.js';

/**
 * 工作台: an officer's day at a glance. Every count is the one its list gives with the same filters
 * (the project list's followUpDue and idleDays, the reminders and the inbox), on one reading of the
 * district's clock.
 */
@Injectable()
export class WorkbenchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async summary(actor: Actor): Promise<WorkbenchSummaryResponse> {
    const today = districtDate();
    const year = today.slice(0, 4);
    const staleDays = this.config.get('STALE_PROJECT_DAYS', { infer: true });
    const mine = { ownerId: actor.id };
    const projects = (f: ProjectFilters): Promise<number> =>
      applyProjectFilters(this.dataSource.getRepository(Project).createQueryBuilder('p'), f, today).getCount();
    const [signedProjects, openProjects, followUpsDue, staleProjects, fundsInPlace, remindersDue, unreadNotifications] = await Promise.all([
      projects({ ...mine, signedFrom: `${year}-01-01`, signedTo: `${year}-12-31` }),
      projects({ ...mine, stage: [...OPEN_STAGES] }),
      projects({ ...mine, followUpDue: true }),
      projects({ ...mine, idleDays: staleDays }),
      this.fundsInPlace(actor.id, year),
      this.dataSource.getRepository(Reminder).count({
        where: { assigneeId: actor.id, status: 'SCHEDULED', dueAt: LessThan(districtDayStart(addDays(today, 2))) },
      }),
      this.dataSource.getRepository(Notification).count({ where: { recipientId: actor.id, readAt: IsNull() } }),
    ]);
    return { year: Number(year), signedProjects, fundsInPlace, openProjects, followUpsDue, staleProjects, staleDays, remindersDue, unreadNotifications };
  }

  /** Funds in place dated in the year, of the user's projects that are not archived, per currency (exact). */
  private async fundsInPlace(ownerId: string, year: string): Promise<{ currency: Currency; amount: string }[]> {
    const rows = await sql<{ currency: Currency; amount: string | number }>(
      this.dataSource.manager,
      `SELECT f.currency AS currency, SUM(f.amount) AS amount
         FROM fundings f JOIN projects p ON p.id = f.project_id
        WHERE p.owner_id = ? AND p.archived_at IS NULL AND f.date >= ? AND f.date <= ?
        GROUP BY f.currency`,
      [ownerId, `${year}-01-01`, `${year}-12-31`],
    );
    const byCurrency = new Map(rows.map((r) => [r.currency, minorUnitsFromDb(r.amount)]));
    return CURRENCIES.filter((c) => byCurrency.has(c)).map((currency) => ({ currency, amount: formatMinorUnits(byCurrency.get(currency) as bigint) }));
  }
}
