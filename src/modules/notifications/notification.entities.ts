import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import type { ChannelType, DeliveryStatus, NotificationEventType, ReminderSubjectType } from '../reference/enums.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { User } from '../users/user.entity.js';

/** A group robot (企业微信 / 钉钉) or a webhook that receives every notification of its events. */
@Entity('notification_channels')
export class NotificationChannel {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 16 }) type: ChannelType;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 1000 }) url: string;
  /** DingTalk signing secret or webhook HMAC key; never leaves the server. */
  @Column({ type: 'varchar', length: 255, nullable: true }) secret: string | null;
  @Column({ type: JSON_TEXT }) events: NotificationEventType[];
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_notification_channels_created_by' })
  createdBy?: User;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}

/**
 * One occurrence of something worth telling: a reminder falling due, a project going stale, the
 * weekly digest. Unique by `eventKey` (`reminder:<id>`, `project-stale:<id>:<since>`…), so a job that
 * runs twice records it once.
 */
@Entity('notification_events')
@Index('uq_notification_events_key', ['eventKey'], { unique: true })
@Index('idx_notification_events_reminder', ['reminderId'])
export class NotificationEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'event_key', type: 'varchar', length: 200 }) eventKey: string;
  @Column({ type: 'varchar', length: 24 }) event: NotificationEventType;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'subject_type', type: 'varchar', length: 16, nullable: true }) subjectType: ReminderSubjectType | null;
  @Column({ name: 'subject_id', type: 'varchar', length: 36, nullable: true }) subjectId: string | null;
  @Column({ name: 'reminder_id', type: 'varchar', length: 36, nullable: true }) reminderId: string | null;
  /** Mobile numbers the group robots @mention (the people concerned); null: nobody. */
  @Column({ name: 'mention_mobiles', type: JSON_TEXT, nullable: true }) mentionMobiles: string[] | null;
  @ManyToOne(() => Reminder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reminder_id', foreignKeyConstraintName: 'fk_notification_events_reminder' })
  reminder?: Reminder;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}

/** 站内消息: an event in one user's inbox. */
@Entity('notifications')
@Index('uq_notifications_event_recipient', ['eventId', 'recipientId'], { unique: true })
@Index('idx_notifications_recipient', ['recipientId', 'id'])
/** The unread count of an inbox, from the index alone. */
@Index('idx_notifications_unread', ['recipientId', 'readAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'event_id', type: 'varchar', length: 36 }) eventId: string;
  @ManyToOne(() => NotificationEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_notifications_event' })
  event?: NotificationEvent;
  @Column({ name: 'recipient_id', type: 'varchar', length: 36 }) recipientId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_notifications_recipient' })
  recipient?: User;
  @Column({ name: 'read_at', type: TIMESTAMP, nullable: true }) readAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}

/** One event sent to one channel: unique per (event, channel), so a redelivered job sends once. */
@Entity('notification_deliveries')
@Index('uq_notification_deliveries_event_channel', ['eventId', 'channelId'], { unique: true })
@Index('idx_notification_deliveries_status', ['status', 'id'])
@Index('idx_notification_deliveries_channel', ['channelId', 'id'])
export class NotificationDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'event_id', type: 'varchar', length: 36 }) eventId: string;
  @ManyToOne(() => NotificationEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_notification_deliveries_event' })
  event?: NotificationEvent;
  @Column({ name: 'channel_id', type: 'varchar', length: 36 }) channelId: string;
  @ManyToOne(() => NotificationChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'fk_notification_deliveries_channel' })
  channel?: NotificationChannel;
  @Column({ type: 'varchar', length: 16 }) status: DeliveryStatus;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true }) lastError: string | null;
  /** While SENDING: the claiming run holds the delivery until then; a second run of the job waits. */
  @Column({ name: 'claimed_until', type: TIMESTAMP, nullable: true }) claimedUntil: Date | null;
  @Column({ name: 'sent_at', type: TIMESTAMP, nullable: true }) sentAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
}
