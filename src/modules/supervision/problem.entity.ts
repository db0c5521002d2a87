import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import { Project } from '../projects/project.entity.js';
import type { ProblemCategory, ProblemEventKind, ProblemStatus } from '../reference/enums.js';
import { User } from '../users/user.entity.js';
import { Department } from './department.entity.js';

/**
 * 项目问题: something blocking a project that a responsible department (责任单位) must solve by a
 * deadline; 待办 → 办理中 → 已办结 / 无法解决. Leaders may 督办 it with an instruction (批示).
 */
@Entity('problems')
@Index('idx_problems_project', ['projectId', 'id'])
@Index('idx_problems_department', ['departmentId', 'id'])
@Index('idx_problems_status', ['status', 'id'])
/** Overdue problems: open ones whose deadline has passed (the scan and ?overdue=true). */
@Index('idx_problems_status_due', ['status', 'dueDate'])
@Index('idx_problems_assignee', ['assigneeId', 'id'])
export class Problem {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'project_id', type: 'varchar', length: 36 }) projectId: string;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_problems_project' })
  project?: Project;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 2000, nullable: true }) description: string | null;
  @Column({ type: 'varchar', length: 16 }) category: ProblemCategory;
  @Column({ name: 'department_id', type: 'varchar', length: 36 }) departmentId: string;
  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_problems_department' })
  department?: Department;
  /** 责任人: the person in charge, optional. */
  @Column({ name: 'assignee_id', type: 'varchar', length: 36, nullable: true }) assigneeId: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_problems_assignee' })
  assignee?: User;
  /** The deadline, a district (Asia/Shanghai) date: overdue from the day after. */
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'varchar', length: 16 }) status: ProblemStatus;
  /** How it was solved (RESOLVED) or why it cannot be (UNRESOLVABLE). */
  @Column({ type: 'varchar', length: 2000, nullable: true }) resolution: string | null;
  /** The district date it was reported and the one it was closed (RESOLVED or UNRESOLVABLE). */
  @Column({ name: 'reported_on', type: 'date' }) reportedOn: string;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn: string | null;
  /** For RESOLVED: whole days from reported to resolved (the average per department on the dashboard). */
  @Column({ name: 'days_to_resolve', type: 'integer', nullable: true }) daysToResolve: number | null;
  /** 督办: marked by a leader, with the latest instruction (批示) the department sees. */
  @Column({ type: 'boolean' }) supervised: boolean;
  @Column({ type: 'varchar', length: 1000, nullable: true }) instruction: string | null;
  @Column({ name: 'supervised_at', type: TIMESTAMP, nullable: true }) supervisedAt: Date | null;
  @Column({ name: 'supervised_by_id', type: 'varchar', length: 36, nullable: true }) supervisedById: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervised_by_id', foreignKeyConstraintName: 'fk_problems_supervised_by' })
  supervisedBy?: User;
  /** The deadline whose overdue notice went to the department, and the one escalated to leaders: once per deadline. */
  @Column({ name: 'overdue_notified_for', type: 'date', nullable: true }) overdueNotifiedFor: string | null;
  @Column({ name: 'escalated_for', type: 'date', nullable: true }) escalatedFor: string | null;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_problems_created_by' })
  createdBy?: User;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}

/** One step in a problem's history; also shown in its project's timeline. */
@Entity('problem_events')
@Index('idx_problem_events_problem', ['problemId', 'id'])
@Index('idx_problem_events_project', ['projectId', 'id'])
export class ProblemEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'problem_id', type: 'varchar', length: 36 }) problemId: string;
  @ManyToOne(() => Problem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'fk_problem_events_problem' })
  problem?: Problem;
  @Column({ name: 'project_id', type: 'varchar', length: 36 }) projectId: string;
  @Column({ type: 'varchar', length: 24 }) kind: ProblemEventKind;
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true }) fromStatus: ProblemStatus | null;
  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true }) toStatus: ProblemStatus | null;
  /** The resolution, the instruction (批示), or what changed. */
  @Column({ type: 'varchar', length: 2000, nullable: true }) note: string | null;
  /** Who acted; null for the system (the overdue scan). */
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}
