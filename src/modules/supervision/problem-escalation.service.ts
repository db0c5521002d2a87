import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { districtDate } from '../../common/time/district-clock.js';
import type { Env } from '../../config/env.js';
import { sql } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PROBLEM_STATUSES } from '../reference/enums.js';
import { User } from '../users/user.entity.js';
import { DepartmentContact } from './department.entity.js';
import { Problem } from './problem.entity.js';
import { daysOverdue, escalationCutoff, OPEN_PROBLEM_STATUSES } from './problem-rules.js';
import { recordProblemEvent } from './problems.service.js';

/** How many problems one run handles per level at most; the rest follow on the next run. */
const SCAN_CAP = 500;

/**
 * Overdue problems (逾期问题): the day after its deadline an open problem's department contacts are
 * told; PROBLEM_ESCALATION_DAYS later, the leaders (督办). Once per deadline: the problem row records
 * which deadline was notified (a new deadline is a new episode), in the same transaction as the
 * notification, whose key makes a second run (another instance, a retried job) record nothing more.
 * Runs from the daily job scheduler; a run missed while Redis was away is caught up by the next,
 * since it selects every overdue problem not yet told, however old.
 */
@Injectable()
export class ProblemEscalationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
    private readonly tx: Transactions,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueues,
  ) {}

  /** Returns how many notices it recorded (department notices plus escalations). */
  async scan(now: Date): Promise<number> {
    const today = districtDate(now);
    const cutoff = escalationCutoff(today, this.config.get('PROBLEM_ESCALATION_DAYS', { infer: true }));
    let count = 0;
    count += await this.level(today, today, 'DEPARTMENT');
    count += await this.level(today, cutoff, 'LEADERS');
    return count;
  }

  private async level(today: string, dueBefore: string, level: 'DEPARTMENT' | 'LEADERS'): Promise<number> {
    const column = level === 'DEPARTMENT' ? 'p.overdueNotifiedFor' : 'p.escalatedFor';
    const problems = await this.dataSource
      .getRepository(Problem)
      .createQueryBuilder('p')
      .leftJoin('p.project', 'project')
      .addSelect(['project.id', 'project.name'])
      .leftJoin('p.department', 'department')
      .addSelect(['department.id', 'department.nameZh'])
      .leftJoin('p.assignee', 'assignee')
      .addSelect(['assignee.id', 'assignee.displayName'])
      .where('p.status IN (:...open) AND p.dueDate < :dueBefore', { open: OPEN_PROBLEM_STATUSES, dueBefore })
      .andWhere(`(${column} IS NULL OR ${column} <> p.dueDate)`)
      .orderBy('p.dueDate', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(SCAN_CAP)
      .getMany();
    if (!problems.length) return 0;
    const leaders = level === 'LEADERS' ? (await this.dataSource.getRepository(User).find({ where: { role: 'LEADER', active: true }, select: { id: true } })).map((u) => u.id) : [];
    const contacts = await this.dataSource.getRepository(DepartmentContact).find({ where: { departmentId: In([...new Set(problems.map((p) => p.departmentId))]) }, relations: { user: true } });
    let count = 0;
    for (const p of problems) {
      const mine = contacts.filter((c) => c.departmentId === p.departmentId);
      const names = mine.map((c) => c.user?.displayName ?? c.userId).join('、') || '（未设联系人）';
      const escalated = level === 'LEADERS';
      const days = daysOverdue(p, today);
      const deliveryIds = await this.tx.run(async (em) => {
        // Marks the episode (no version bump: a user's open form stays current); the event key makes it once.
        const col = escalated ? 'escalated_for' : 'overdue_notified_for';
        await sql(
          em,
          `UPDATE problems SET ${col} = ? WHERE id = ? AND (${col} IS NULL OR ${col} <> ?)`,
          [p.dueDate, p.id, p.dueDate],
        );
        const recorded = await this.notifications.record(em, {
          key: `problem-overdue${escalated ? '-escalated' : ''}:${p.id}:${p.dueDate}`,
          event: 'PROBLEM_OVERDUE',
          title: `${escalated ? '【督办】' : ''}项目问题逾期：${p.title}`,
          body: [
            `项目「${p.project?.name ?? ''}」的问题「${p.title}」已超过办理期限 ${days} 天${escalated ? `，请督促${p.department?.nameZh ?? ''}办理` : '，请尽快办理'}。`,
            '',
            `> 责任单位：${p.department?.nameZh ?? ''}（联系人：${names}）`,
            `> 责任人：${p.assignee?.displayName ?? '（未指定）'}`,
            `> 办理期限：${p.dueDate}`,
            `> 状态：${PROBLEM_STATUSES[p.status].nameZh}`,
          ].join('\n'),
          subject: { type: 'PROJECT', id: p.projectId },
          recipientIds: escalated ? leaders : mine.map((c) => c.userId),
        });
        if (recorded.created) {
          await recordProblemEvent(em, {
            problem: p,
            kind: escalated ? 'ESCALATED' : 'OVERDUE_NOTIFIED',
            note: escalated ? `逾期 ${days} 天，已提请区领导督办` : `逾期 ${days} 天，已提醒${p.department?.nameZh ?? ''}（${names}）`,
            actorId: null,
          });
        }
        return recorded.created ? recorded.deliveryIds : null;
      });
      if (deliveryIds) {
        count++;
        await this.jobs.deliver(deliveryIds);
      }
    }
    return count;
  }
}
