import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { IsIntVersion, IsText, Nullable, PageQuery, QueryBoolean } from '../../../common/validation/decorators.js';
import {
  apiEnum,
  CHANNEL_TYPES,
  type ChannelType,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  NOTIFICATION_EVENTS,
  type NotificationEventType,
  type ReminderSubjectType,
  keysOf,
} from '../../reference/enums.js';
import type { ProbeFailure } from '../channel-senders.js';
import type { Notification, NotificationChannel, NotificationDelivery, NotificationEvent } from '../notification.entities.js';

const CHANNEL_TYPE_CODES = keysOf(CHANNEL_TYPES);
const EVENT_CODES = keysOf(NOTIFICATION_EVENTS);
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @QueryBoolean()
  unread?: boolean;
}

/** 站内消息: one notification in a user's inbox. */
export class NotificationResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty(apiEnum('NotificationEvent')) event: NotificationEventType;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) message: string;
  @ApiProperty({ ...apiEnum('ReminderSubjectType'), nullable: true, description: 'the kind of record it is about' }) subjectType: ReminderSubjectType | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reminderId: string | null;
  @ApiProperty({ type: Boolean }) read: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** The bell's number: my unread notifications. */
export class UnreadCountResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) count: number;
}

/** What "mark all read" did. */
export class ReadAllResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'how many unread notifications were marked read' }) updated: number;
}

export function toNotificationResponse(n: Notification & { event?: NotificationEvent }): NotificationResponse {
  const e = n.event as NotificationEvent;
  return {
    id: n.id,
    event: e.event,
    title: e.title,
    message: e.body,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    reminderId: e.reminderId,
    read: n.readAt !== null,
    readAt: n.readAt,
    createdAt: n.createdAt,
  };
}

export class CreateChannelDto {
  @ApiProperty(apiEnum('ChannelType'))
  @IsIn(CHANNEL_TYPE_CODES)
  type: ChannelType;

  @ApiProperty({ example: 'https://oapi.dingtalk.com/robot/send?access_token=…', description: 'the robot’s webhook address' })
  @IsString()
  @MaxLength(1000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiPropertyOptional({ type: String, description: 'DINGTALK: the signing secret (SEC…); WEBHOOK: the HMAC key. Never returned.', writeOnly: true, nullable: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  secret?: string | null;

  @ApiProperty({ ...apiEnum('NotificationEvent'), isArray: true, example: ['REMINDER_DUE', 'PROJECT_STALE'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_CODES.length)
  @ArrayUnique()
  @IsIn(EVENT_CODES, { each: true })
  events: NotificationEventType[];

  @ApiPropertyOptional({ example: '招商一组群', description: 'defaults to the channel type’s label' })
  @IsOptional()
  @IsText(100)
  name?: string;
}

export class UpdateChannelDto {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url?: string;

  @ApiPropertyOptional({ type: String, description: 'a new secret; null removes it', writeOnly: true, nullable: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  secret?: string | null;

  @ApiPropertyOptional({ ...apiEnum('NotificationEvent'), isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_CODES.length)
  @ArrayUnique()
  @IsIn(EVENT_CODES, { each: true })
  events?: NotificationEventType[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(100)
  name?: string;

  @ApiPropertyOptional({ description: 'false: the channel receives nothing until switched on again' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** A WeCom or DingTalk group robot, or a JSON webhook; the secret is never shown. */
export class ChannelResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty(apiEnum('ChannelType')) type: ChannelType;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, description: 'the address with its query values (robot keys and tokens) masked' }) url: string;
  @ApiProperty({ type: Boolean }) hasSecret: boolean;
  @ApiProperty({ ...apiEnum('NotificationEvent'), isArray: true }) events: NotificationEventType[];
  @ApiProperty({ type: Boolean }) active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** Robot addresses carry their access token in the query: show only its last four characters. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const [key, value] of [...u.searchParams.entries()]) u.searchParams.set(key, value.length > 4 ? `****${value.slice(-4)}` : '****');
    if (u.username || u.password) {
      u.username = '****';
      u.password = '';
    }
    return u.toString();
  } catch {
    return '****';
  }
}

export function toChannelResponse(c: NotificationChannel): ChannelResponse {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    url: maskUrl(c.url),
    hasSecret: c.secret !== null,
    events: c.events,
    active: c.active,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}

/** The channel of a delivery; IN_APP (id null) for a user's inbox. */
export class DeliveryChannel {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for IN_APP' }) id: string | null;
  @ApiProperty({ enum: [...CHANNEL_TYPE_CODES, 'IN_APP'], enumName: 'DeliveryChannelType' }) type: ChannelType | 'IN_APP';
  @ApiProperty({ type: String }) name: string;
}

/**
 * One row per channel a reminder was sent to (and one for each inbox it reached). `lastError` (the
 * HTTP status or robot errcode and a short reason) is shown to admins only: the channels and their
 * addresses are the admin's business; others see the status and the attempts.
 */
export class DeliveryResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: () => DeliveryChannel }) channel: DeliveryChannel;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'IN_APP rows only: whose inbox' }) recipientId?: string;
  @ApiProperty(apiEnum('DeliveryStatus')) status: DeliveryStatus;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'ADMIN only (absent for others): the HTTP status or robot errcode and a short reason of our own, never the answer’s body',
  })
  lastError?: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export function toDeliveryResponse(d: NotificationDelivery & { channel?: NotificationChannel }, opts: { showError: boolean }): DeliveryResponse {
  const c = d.channel as NotificationChannel;
  return {
    id: d.id,
    channel: { id: c.id, type: c.type, name: c.name },
    status: d.status,
    attempts: d.attempts,
    ...(opts.showError && { lastError: d.lastError }),
    sentAt: d.sentAt,
    updatedAt: d.updatedAt,
  };
}

export function inboxDeliveryResponse(n: Notification, opts: { showError: boolean }): DeliveryResponse {
  return {
    id: n.id,
    channel: { id: null, type: 'IN_APP', name: '站内消息' },
    recipientId: n.recipientId,
    status: 'SENT',
    attempts: 1,
    ...(opts.showError && { lastError: null }),
    sentAt: n.createdAt,
    updatedAt: n.readAt ?? n.createdAt,
  };
}

/** The answer to a test message (POST /notification-channels/:id/test). */
export class ChannelTestResult {
  @ApiProperty({ type: Boolean, description: 'the message arrived (HTTP 2xx and, for robots, errcode 0)' }) ok: boolean;
  @ApiProperty({
    enum: ['BLOCKED', 'TIMEOUT', 'CONNECTION', 'HTTP_STATUS', 'NOT_JSON', 'ERRCODE'],
    enumName: 'ChannelTestFailure',
    nullable: true,
    description: 'why it did not arrive: the address is refused, no answer in time, no connection, an HTTP error status, a robot answer that is not JSON, a non-zero errcode',
  })
  failure: ProbeFailure | null;
  @ApiProperty({ type: 'integer', nullable: true }) httpStatus: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the robot’s errcode (WECOM, DINGTALK)' }) errcode: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'the robot’s errmsg, at most 200 characters (WECOM, DINGTALK)' }) errmsg: string | null;
}

export class ListChannelDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional(apiEnum('DeliveryStatus'))
  @IsOptional()
  @IsIn(keysOf(DELIVERY_STATUSES))
  status?: DeliveryStatus;
}

/** The occurrence a channel delivery carries. */
export class DeliveryEventRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty(apiEnum('NotificationEvent')) event: NotificationEventType;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** One delivery of a channel's log, with what it carried and the error kept (ADMIN). */
export class ChannelDeliveryResponse extends DeliveryResponse {
  @ApiProperty({ type: () => DeliveryEventRef }) notification: DeliveryEventRef;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export function toChannelDeliveryResponse(d: NotificationDelivery & { channel?: NotificationChannel; event?: NotificationEvent }): ChannelDeliveryResponse {
  const e = d.event as NotificationEvent;
  return {
    ...toDeliveryResponse(d, { showError: true }),
    notification: { id: e.id, event: e.event, title: e.title, createdAt: e.createdAt },
    createdAt: d.createdAt,
  };
}
