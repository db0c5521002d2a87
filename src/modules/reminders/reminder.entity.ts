import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import type { ReminderKind, ReminderStatus, ReminderSubjectType } from '../reference/enums.js';
import { User } from '../users/user.entity.js';

/**
 * 提醒: a message due at a time for one user, about a project, lead or building. The row is the
 * source of truth; its delayed queue job (`reminder-<id>`) is derived from it and re-created by the
 * reconciler whenever it is missing.
 */
@Entity('reminders')
@Index('uq_reminders_source_key', ['sourceKey'], { unique: true })
@Index('idx_reminders_status_due', ['status', 'dueAt'])
@Index('idx_reminders_assignee', ['assigneeId', 'id'])
@Index('idx_reminders_created_by', ['createdById', 'id'])
@Index('idx_reminders_subject', ['subjectType', 'subjectId'])
export class Reminder {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 16 }) kind: ReminderKind;
  /** For reminders the system derives (e.g. `follow-up:<projectId>:<ms>`): deriving one twice is a no-op. */
  @Column({ name: 'source_key', type: 'varchar', length: 200, nullable: true }) sourceKey: string | null;
  @Column({ name: 'subject_type', type: 'varchar', length: 16 }) subjectType: ReminderSubjectType;
  @Column({ name: 'subject_id', type: 'varchar', length: 36 }) subjectId: string;
  @Column({ name: 'due_at', type: TIMESTAMP }) dueAt: Date;
  @Column({ type: 'varchar', length: 1000 }) message: string;
  @Column({ name: 'assignee_id', type: 'varchar', length: 36 }) assigneeId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_reminders_assignee' })
  assignee?: User;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_reminders_created_by' })
  createdBy?: User;
  @Column({ type: 'varchar', length: 16 }) status: ReminderStatus;
  @Column({ name: 'sent_at', type: TIMESTAMP, nullable: true }) sentAt: Date | null;
  @Column({ name: 'cancelled_at', type: TIMESTAMP, nullable: true }) cancelledAt: Date | null;
  /** Why the reminder FAILED (its job ran out of attempts). */
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true }) lastError: string | null;
  /** When a group-robot delivery of its notification ended FAILED (the inbox may still have it: status SENT). */
  @Column({ name: 'delivery_failed_at', type: TIMESTAMP, nullable: true }) deliveryFailedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
