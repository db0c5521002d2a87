import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { districtDate, districtDateTime } from '../../common/time/district-clock.js';
import type { Env } from '../../config/env.js';
import { instant } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { addDays, daysBetween } from '../buildings/calendar.js';
import { Building } from '../buildings/building.entity.js';
import { Unit } from '../buildings/unit.entity.js';
import { VacancyService } from '../buildings/vacancy.service.js';
import { DigestsService, type DigestItem } from '../notifications/digests.service.js';
import { NotificationEvent } from '../notifications/notification.entities.js';
import { NotificationsService, NotifyInput } from '../notifications/notifications.service.js';
import { Plan } from '../plans/plan.entities.js';
import { fiveYearPlanZh, runningPlan } from '../../common/time/plan-periods.js';
import { ProgressService } from '../progress/progress.service.js';
import { Project } from '../projects/project.entity.js';
import { OPEN_STAGES } from '../projects/stage-machine.js';
import { PROJECT_STAGES, type NotificationEventType, type ReminderSubjectType } from '../reference/enums.js';
import { ReminderJobChanges, RemindersService, followUpKey } from '../reminders/reminders.service.js';
import { BuildingManager } from '../users/building-manager.entity.js';
import { type Role, User } from '../users/user.entity.js';
import { crossedWindow, digestLines, previousMonth, publicLink, wholeDays } from './scan-rules.js';

/** How many records a scan reads per run at most; the rest follow on the next run. */
const SCAN_CAP = 5000;
/** A recipient with this many new findings at once (a backlog) gets one summary instead of one message each. */
const BACKLOG_SUMMARY_MIN = 3;
/** How many findings a summary lists by name. */
const SUMMARY_LIST = 20;

/** Something a scan found, for its recipients' inboxes and the group chats' digest. */
interface Finding {
  key: string;
  title: string;
  body: string;
  subject: { type: ReminderSubjectType; id: string };
  recipientIds: string[];
  /** Its line in a group chat's digest (plain text, with the link to the record). */
  line: string;
  /** The people it concerns, @mentioned in the group chat. */
  concerns: string[];
  label: string;
  /** Who a summary of it is addressed to, in words ("张三", "区领导"). */
  groupName: string;
}

/**
 * The recurring scans behind the job schedulers. Each takes `now` (tests pass a hand-made clock),
 * notifies what crossed a threshold, and keys every notification by what it is about and since when,
 * so running a scan twice — two instances, a retried job — notifies once.
 */
@Injectable()
export class ScansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
    private readonly tx: Transactions,
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
    private readonly progress: ProgressService,
    private readonly vacancy: VacancyService,
    private readonly digests: DigestsService,
  ) {}

  /**
   * Follow-ups due (下次跟进): an open project whose next follow-up came due gets its follow-up
   * reminder if it has none (activities create it already; this catches follow-ups set otherwise,
   * e.g. by an import). Returns how many reminders it created.
   */
  async followUps(now: Date): Promise<number> {
    const em = this.dataSource.manager;
    const lookback = this.config.get('SCAN_LOOKBACK_DAYS', { infer: true });
    const w = crossedWindow(now, 0, lookback);
    const projects = await em
      .getRepository(Project)
      .createQueryBuilder('p')
      .where('p.nextFollowUpAt > :after AND p.nextFollowUpAt <= :upTo', { after: instant(em, w.after), upTo: instant(em, w.upTo) })
      .andWhere('p.archivedAt IS NULL AND p.ownerId IS NOT NULL AND p.stage IN (:...open)', { open: OPEN_STAGES })
      .orderBy('p.nextFollowUpAt', 'ASC')
      .take(SCAN_CAP)
      .getMany();
    const changes: ReminderJobChanges = { schedule: [], unschedule: [] };
    await this.tx.run(async (tem) => {
      for (const p of projects) {
        const dueAt = p.nextFollowUpAt as Date;
        const made = await this.reminders.createInTx(tem, {
          kind: 'FOLLOW_UP',
          sourceKey: followUpKey(p.id, dueAt),
          subjectType: 'PROJECT',
          subjectId: p.id,
          dueAt,
          message: `跟进项目「${p.name}」：约定的下次跟进时间已到`,
          assigneeId: p.ownerId as string,
          actor: null,
        });
        changes.schedule.push(...made.schedule);
      }
    });
    await this.reminders.applyJobChanges(changes);
    return changes.schedule.length;
  }

  /**
   * Stale projects: an open project without an activity (or, never having had one, since its
   * creation) for STALE_PROJECT_DAYS is flagged to its owner; at twice that, to every leader. Every
   * stale project counts, however long ago it crossed (no lookback): what was never reported is
   * reported, once; an owner with BACKLOG_SUMMARY_MIN or more at once (the first run, a run after an
   * outage) gets one summary instead of one message each. Group channels get one digest per run.
   * Returns how many inbox notifications it recorded.
   */
  async staleProjects(now: Date): Promise<number> {
    const days = this.config.get('STALE_PROJECT_DAYS', { infer: true });
    const leaders = await this.activeUserIds('LEADER');
    const base = this.config.get('PUBLIC_BASE_URL', { infer: true });
    let count = 0;
    for (const level of [1, 2] as const) {
      const escalated = level === 2;
      const projects = await this.quietProjects(now, days * level);
      const owners = await this.userNames(projects.map((p) => p.ownerId));
      const findings: Finding[] = projects.map((p) => {
        const since = p.lastActivityAt ?? p.createdAt;
        const owner = p.ownerId ? (owners.get(p.ownerId) ?? p.ownerId) : '（无负责人）';
        const quiet = wholeDays(since, now);
        const link = publicLink(base, `/projects/${p.id}`);
        return {
          key: `project-stale${escalated ? '-escalated' : ''}:${p.id}:${since.getTime()}`,
          title: `${escalated ? '【升级】' : ''}项目久未跟进：${p.name}`,
          body: [
            `项目「${p.name}」已 ${quiet} 天没有跟进记录${escalated ? `，请督促负责人 ${owner} 跟进` : '，请尽快跟进'}。`,
            '',
            `> 负责人：${owner}`,
            `> 阶段：${PROJECT_STAGES[p.stage].nameZh}`,
            `> 上次跟进：${p.lastActivityAt ? districtDateTime(p.lastActivityAt) : '无（创建于 ' + districtDateTime(p.createdAt) + '）'}`,
            `> 查看项目：${link}`,
          ].join('\n'),
          subject: { type: 'PROJECT', id: p.id },
          recipientIds: escalated ? leaders : p.ownerId ? [p.ownerId] : [],
          line: `- 「${p.name}」已 ${quiet} 天未跟进，负责人 ${owner} ${link}`,
          concerns: p.ownerId ? [p.ownerId] : [],
          label: p.name,
          groupName: escalated ? '区领导' : owner,
        };
      });
      const what = `个项目超过${days * level}天未跟进`;
      count += await this.report({
        run: `project-stale-${level}:${now.getTime()}`,
        event: 'PROJECT_STALE',
        digestTitle: `${escalated ? '【升级】' : ''}项目久未跟进（${districtDate(now)}）`,
        findings,
        summary: (group) => ({
          title: `${escalated ? '【升级】' : ''}${group.length} ${what}`,
          body: [
            `${group.length} ${what}${escalated ? '，请督促负责人跟进' : '，请尽快跟进'}：`,
            '',
            ...group.slice(0, SUMMARY_LIST).map((f) => f.line),
            ...(group.length > SUMMARY_LIST ? [`- ……等共 ${group.length} 个`] : []),
            '',
            `查看项目库：${publicLink(base, '/projects')}`,
          ].join('\n'),
          line: `- ${group[0].groupName}：${group.length} ${what}${escalated ? '' : ` ${publicLink(base, `/projects?ownerId=${group[0].concerns[0] ?? ''}`)}`}`,
        }),
      });
    }
    return count;
  }

  /**
   * Vacancy freshness: a building whose vacancy was not updated (or confirmed) for
   * VACANCY_STALE_DAYS reminds its building managers; at twice that it escalates to the
   * administrators, who assign the managers. Returns how many notifications it recorded.
   */
  async vacancyFreshness(now: Date): Promise<number> {
    const em = this.dataSource.manager;
    const days = this.config.get('VACANCY_STALE_DAYS', { infer: true });
    const admins = await this.activeUserIds('ADMIN');
    const base = this.config.get('PUBLIC_BASE_URL', { infer: true });
    let count = 0;
    for (const level of [1, 2] as const) {
      const upTo = new Date(now.getTime() - days * level * 86_400_000);
      // Every building stale now, the most recently crossed first (so the cap never hides new ones).
      const buildings = await em
        .getRepository(Building)
        .createQueryBuilder('b')
        .where('COALESCE(b.vacancyUpdatedAt, b.createdAt) <= :upTo', { upTo: instant(em, upTo) })
        .andWhere('b.archivedAt IS NULL')
        .orderBy('COALESCE(b.vacancyUpdatedAt, b.createdAt)', 'DESC')
        .addOrderBy('b.id', 'ASC')
        .take(SCAN_CAP)
        .getMany();
      const assignments = buildings.length
        ? await em.getRepository(BuildingManager).find({ where: { buildingId: In(buildings.map((b) => b.id)), user: { active: true } }, relations: { user: true } })
        : [];
      const escalated = level === 2;
      const findings: Finding[] = buildings.map((b) => {
        const since = b.vacancyUpdatedAt ?? b.createdAt;
        const managers = assignments.filter((a) => a.buildingId === b.id);
        const names = managers.map((a) => a.user?.displayName ?? a.userId).join('、') || '（未指定楼宇管理员）';
        const link = publicLink(base, `/buildings/${b.id}`);
        return {
          key: `vacancy-stale${escalated ? '-escalated' : ''}:${b.id}:${since.getTime()}`,
          title: `${escalated ? '【升级】' : ''}楼宇空置数据未更新：${b.name}`,
          body: [
            `「${b.name}」的房态/空置数据已 ${wholeDays(since, now)} 天未更新，请${escalated ? `督促楼宇管理员 ${names} ` : ''}提交本月空置情况。`,
            '',
            `> 楼宇管理员：${names}`,
            `> 上次更新：${b.vacancyUpdatedAt ? districtDateTime(b.vacancyUpdatedAt) : '从未更新'}`,
            `> 查看楼宇：${link}`,
          ].join('\n'),
          subject: { type: 'BUILDING', id: b.id },
          recipientIds: escalated ? admins : managers.map((a) => a.userId),
          line: `- 「${b.name}」空置数据已 ${wholeDays(since, now)} 天未更新，楼宇管理员 ${names} ${link}`,
          concerns: managers.map((a) => a.userId),
          label: b.name,
          groupName: escalated ? '系统管理员' : names,
        };
      });
      const what = `栋楼宇的空置数据超过${days * level}天未更新`;
      count += await this.report({
        run: `vacancy-stale-${level}:${now.getTime()}`,
        event: 'VACANCY_STALE',
        digestTitle: `${escalated ? '【升级】' : ''}楼宇空置数据未更新（${districtDate(now)}）`,
        findings,
        summary: (group) => ({
          title: `${escalated ? '【升级】' : ''}${group.length} ${what}`,
          body: [`${group.length} ${what}，请提交本月空置情况：`, '', ...group.slice(0, SUMMARY_LIST).map((f) => f.line), ...(group.length > SUMMARY_LIST ? [`- ……等共 ${group.length} 栋`] : [])].join('\n'),
          line: `- ${group[0].groupName}：${group.length} ${what}`,
        }),
      });
    }
    return count;
  }

  /**
   * Leases ending within LEASE_EXPIRY_WINDOW_DAYS: the officers who own the tenant's projects are
   * told once per lease end (a landed company may leave); with no such officer, every officer.
   */
  async leaseExpiry(now: Date): Promise<number> {
    const em = this.dataSource.manager;
    const today = districtDate(now);
    const until = addDays(today, this.config.get('LEASE_EXPIRY_WINDOW_DAYS', { infer: true }));
    const units = await em
      .getRepository(Unit)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.building', 'b')
      .leftJoinAndSelect('u.tenant', 'tenant')
      .where("u.status = 'LEASED' AND u.leaseEnd >= :today AND u.leaseEnd <= :until", { today, until })
      .andWhere('b.archivedAt IS NULL')
      .orderBy('u.leaseEnd', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(SCAN_CAP)
      .getMany();
    const tenantIds = [...new Set(units.map((u) => u.tenantCompanyId).filter((id): id is string => id !== null))];
    const projects = tenantIds.length
      ? await em.getRepository(Project).find({ where: { companyId: In(tenantIds), archivedAt: IsNull() }, select: { id: true, companyId: true, ownerId: true } })
      : [];
    const officers = await this.activeUserIds('OFFICER');
    const names = await this.userNames(projects.map((p) => p.ownerId));
    const base = this.config.get('PUBLIC_BASE_URL', { infer: true });
    const findings: Finding[] = units.map((u) => {
      const owners = [...new Set(projects.filter((p) => p.companyId === u.tenantCompanyId && p.ownerId).map((p) => p.ownerId as string))];
      const leaseEnd = u.leaseEnd as string;
      const tenant = u.tenant?.name ?? '（未登记租户）';
      const building = u.building?.name ?? '';
      const link = publicLink(base, `/buildings/${u.buildingId}`);
      const officersZh = owners.length ? owners.map((id) => names.get(id) ?? id).join('、') : '（无项目负责人，已通知全体招商专员）';
      return {
        key: `lease-expiring:${u.id}:${leaseEnd}`,
        title: `租约即将到期：${building} ${u.code}`,
        body: [
          `「${tenant}」在「${building}」${u.code} 单元的租约将于 ${leaseEnd} 到期（还剩 ${daysBetween(today, leaseEnd)} 天），请提前走访，了解续租意向。`,
          '',
          `> 对接专员：${officersZh}`,
          `> 查看楼宇：${link}`,
        ].join('\n'),
        subject: { type: 'BUILDING', id: u.buildingId },
        recipientIds: owners.length ? owners : officers,
        line: `- 「${tenant}」${building} ${u.code} 租约 ${leaseEnd} 到期，对接专员 ${officersZh} ${link}`,
        concerns: owners,
        label: `${building} ${u.code}`,
        groupName: owners.length ? officersZh : '全体招商专员',
      };
    });
    return this.report({
      run: `lease-expiring:${now.getTime()}`,
      event: 'LEASE_EXPIRING',
      digestTitle: `租约即将到期（${today}）`,
      findings,
      summary: (group) => ({
        title: `${group.length} 个租约将在 ${this.config.get('LEASE_EXPIRY_WINDOW_DAYS', { infer: true })} 天内到期`,
        body: [`${group.length} 个租约即将到期，请提前走访，了解续租意向：`, '', ...group.slice(0, SUMMARY_LIST).map((f) => f.line), ...(group.length > SUMMARY_LIST ? [`- ……等共 ${group.length} 个`] : [])].join('\n'),
        line: `- ${group[0].groupName}：${group.length} 个租约即将到期`,
      }),
    });
  }

  /**
   * The leaders' weekly digest (每周进展简报): the indicators of the plan that runs today. With no plan
   * entered for today, it says so (十五五规划目标尚未录入) and points the admins, who get it too, to where
   * plans are entered, instead of reporting an ended plan as current. Once per district day.
   */
  async weeklyDigest(now: Date): Promise<number> {
    const today = districtDate(now);
    const baseUrl = this.config.get('PUBLIC_BASE_URL', { infer: true });
    const chosen = runningPlan(await this.dataSource.getRepository(Plan).find(), today);
    const leaders = await this.activeUserIds('LEADER');
    if (!chosen) {
      const period = fiveYearPlanZh(today);
      return this.notifyOnce({
        key: `weekly-digest:${today}`,
        event: 'WEEKLY_DIGEST',
        title: `每周进展简报：${period.nameZh}规划目标尚未录入`,
        body: [
          `${period.nameZh}规划（${period.startYear}—${period.endYear}年）目标尚未录入，本周简报暂无规划指标进展。`,
          '',
          `请系统管理员录入规划期和目标：${publicLink(baseUrl, '/admin/plans')}`,
        ].join('\n'),
        recipientIds: [...leaders, ...(await this.activeUserIds('ADMIN'))],
      });
    }
    const report = await this.progress.progress(chosen.code, today);
    return this.notifyOnce({
      key: `weekly-digest:${today}`,
      event: 'WEEKLY_DIGEST',
      title: `每周进展简报（${report.plan.name}，截至 ${today}）`,
      body: [`截至 ${today}，${report.plan.name}各项指标进展：`, '', ...digestLines(report.indicators), '', `详见 ${publicLink(baseUrl, '/dashboard')}`].join('\n'),
      recipientIds: leaders,
    });
  }

  /** Month-end vacancy snapshots: on the 1st, the month just ended (idempotent: one row per building and month). */
  async monthEndSnapshot(now: Date): Promise<string> {
    const month = previousMonth(districtDate(now));
    await this.vacancy.snapshotMonth(month);
    return month;
  }

  /** Open projects quiet for at least `days`, the most recently crossed first (so the cap never hides new ones). */
  private async quietProjects(now: Date, days: number): Promise<Project[]> {
    const em = this.dataSource.manager;
    const upTo = new Date(now.getTime() - days * 86_400_000);
    return em
      .getRepository(Project)
      .createQueryBuilder('p')
      .where('COALESCE(p.lastActivityAt, p.createdAt) <= :upTo', { upTo: instant(em, upTo) })
      .andWhere('p.archivedAt IS NULL AND p.stage IN (:...open)', { open: OPEN_STAGES })
      .orderBy('COALESCE(p.lastActivityAt, p.createdAt)', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .take(SCAN_CAP)
      .getMany();
  }

  /**
   * Reports a scan's findings: those never reported before (by key) go to their recipients' inboxes,
   * one by one, or as one summary when a recipient has BACKLOG_SUMMARY_MIN or more at once (each
   * finding then recorded as reported, without an inbox row of its own); group channels get one
   * digest of the run. Returns how many inbox notifications it recorded.
   */
  private async report(r: { run: string; event: NotificationEventType; digestTitle: string; findings: Finding[]; summary: (group: Finding[]) => { title: string; body: string; line: string } }): Promise<number> {
    const fresh = await this.unreported(r.findings);
    const groups = new Map<string, Finding[]>();
    for (const f of fresh) {
      const key = [...new Set(f.recipientIds)].sort().join(',');
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const digest: DigestItem[] = [];
    let count = 0;
    for (const [recipients, group] of groups) {
      if (recipients && group.length >= BACKLOG_SUMMARY_MIN) {
        const created = await this.tx.run(async (em) => {
          const made: Finding[] = [];
          for (const f of group) {
            const rec = await this.notifications.record(em, { key: f.key, event: r.event, title: f.title, body: f.body, subject: f.subject, recipientIds: [], channels: false });
            if (rec.created) made.push(f);
          }
          if (!made.length) return made;
          const summary = r.summary(made);
          const digestKey = createHash('sha256').update(`${r.run}:${recipients}`).digest('hex').slice(0, 24);
          await this.notifications.record(em, { key: `summary:${digestKey}`, event: r.event, title: summary.title, body: summary.body, recipientIds: group[0].recipientIds, channels: false });
          digest.push({ line: summary.line, mentionUserIds: [...new Set(made.flatMap((f) => f.concerns))] });
          return made;
        });
        if (created.length) count++;
        continue;
      }
      for (const f of group) {
        const rec = await this.notifications.notify({ key: f.key, event: r.event, title: f.title, body: f.body, subject: f.subject, recipientIds: f.recipientIds, channels: false });
        if (!rec.created) continue;
        if (f.recipientIds.length) count++;
        digest.push({ line: f.line, mentionUserIds: f.concerns });
      }
    }
    await this.digests.send({ key: r.run, event: r.event, title: r.digestTitle, items: digest });
    return count;
  }

  /** The findings whose key was never recorded. */
  private async unreported(findings: Finding[]): Promise<Finding[]> {
    const seen = new Set<string>();
    for (let i = 0; i < findings.length; i += 500) {
      const keys = findings.slice(i, i + 500).map((f) => f.key);
      const rows = await this.dataSource.getRepository(NotificationEvent).find({ where: { eventKey: In(keys) }, select: { id: true, eventKey: true } });
      for (const row of rows) seen.add(row.eventKey);
    }
    return findings.filter((f) => !seen.has(f.key));
  }

  private async notifyOnce(input: NotifyInput): Promise<number> {
    return (await this.notifications.notify(input)).created ? 1 : 0;
  }

  private async activeUserIds(role: Role): Promise<string[]> {
    const users = await this.dataSource.getRepository(User).find({ where: { role, active: true }, select: { id: true } });
    return users.map((u) => u.id);
  }

  private async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (!wanted.length) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(wanted) }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
