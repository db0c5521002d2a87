import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { IsIntVersion, IsText, Nullable, PageQuery, QueryBoolean } from '../../../common/validation/decorators.js';
import {
  CHANNEL_TYPES,
  type ChannelType,
  type DeliveryStatus,
  NOTIFICATION_EVENTS,
  type NotificationEventType,
  keysOf,
} from '../../reference/enums.js';
import type { Notification, NotificationChannel, NotificationDelivery, NotificationEvent } from '../notification.entities.js';

const CHANNEL_TYPE_CODES = keysOf(CHANNEL_TYPES);
const EVENT_CODES = keysOf(NOTIFICATION_EVENTS);
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread ones' })
  @QueryBoolean()
  unread?: boolean;
}

export interface NotificationResponse {
  id: string;
  event: NotificationEventType;
  title: string;
  message: string;
  subjectType: string | null;
  subjectId: string | null;
  reminderId: string | null;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
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
  @ApiProperty({ enum: CHANNEL_TYPE_CODES })
  @IsIn(CHANNEL_TYPE_CODES)
  type: ChannelType;

  @ApiProperty({ example: 'https://oapi.dingtalk.com/robot/send?access_token=…', description: 'the robot’s webhook address' })
  @IsString()
  @MaxLength(1000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiPropertyOptional({ description: 'DINGTALK: the signing secret (SEC…); WEBHOOK: the HMAC key. Never returned.', writeOnly: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  secret?: string | null;

  @ApiProperty({ enum: EVENT_CODES, isArray: true, example: ['REMINDER_DUE', 'PROJECT_STALE'] })
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

  @ApiPropertyOptional({ description: 'a new secret; null removes it', writeOnly: true })
  @IsOptional()
  @Nullable()
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  secret?: string | null;

  @ApiPropertyOptional({ enum: EVENT_CODES, isArray: true })
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

export interface ChannelResponse {
  id: string;
  type: ChannelType;
  name: string;
  /** The address with its query values (robot keys and tokens) masked. */
  url: string;
  hasSecret: boolean;
  events: NotificationEventType[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
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

/** One row per channel a reminder was sent to (and one for each inbox it reached). */
export interface DeliveryResponse {
  id: string;
  channel: { id: string | null; type: ChannelType | 'IN_APP'; name: string };
  recipientId?: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  updatedAt: Date;
}

export function toDeliveryResponse(d: NotificationDelivery & { channel?: NotificationChannel }): DeliveryResponse {
  const c = d.channel as NotificationChannel;
  return {
    id: d.id,
    channel: { id: c.id, type: c.type, name: c.name },
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    sentAt: d.sentAt,
    updatedAt: d.updatedAt,
  };
}

export function inboxDeliveryResponse(n: Notification): DeliveryResponse {
  return {
    id: n.id,
    channel: { id: null, type: 'IN_APP', name: '站内消息' },
    recipientId: n.recipientId,
    status: 'SENT',
    attempts: 1,
    lastError: null,
    sentAt: n.createdAt,
    updatedAt: n.readAt ?? n.createdAt,
  };
}
