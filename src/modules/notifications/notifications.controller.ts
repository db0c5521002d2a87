import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { ChannelsService } from './channels.service.js';
import {
  ChannelDeliveryResponse,
  ChannelResponse,
  ChannelTestResult,
  CreateChannelDto,
  DeliveryResponse,
  ListChannelDeliveriesQuery,
  ListNotificationsQuery,
  NotificationResponse,
  ReadAllResponse,
  UnreadCountResponse,
  UpdateChannelDto,
} from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My inbox (站内消息), newest first; ?unread=true for the unread ones' })
  @Permission('notification.read')
  @ApiPage(NotificationResponse)
  @ApiErrors(400)
  list(@Query() query: ListNotificationsQuery, @CurrentActor() actor: Actor): Promise<Page<NotificationResponse>> {
    return this.notifications.inbox(actor, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread (the bell)' })
  @Permission('notification.read')
  @ApiOkResponse({ type: UnreadCountResponse })
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my unread notifications read; `updated` says how many' })
  @Permission('notification.read')
  @ApiOkResponse({ type: ReadAllResponse })
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllResponse> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (again: no change)' })
  @Permission('notification.read')
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors(400, 404)
  read(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<NotificationResponse> {
    return this.notifications.markRead(id, actor);
  }
}

@ApiTags('notifications')
@Controller('notification-channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a WeCom or DingTalk group robot or a JSON webhook for some events (ADMIN)' })
  @Permission('channel.manage')
  @ApiCreatedResponse({ type: ChannelResponse })
  @ApiErrors(400)
  create(@Body() dto: CreateChannelDto, @CurrentActor() actor: Actor): Promise<ChannelResponse> {
    return this.channels.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'The channels, oldest first; secrets are never shown and robot tokens are masked (ADMIN)' })
  @Permission('channel.manage')
  @ApiPage(ChannelResponse)
  @ApiErrors(400)
  list(@Query() query: PageQuery): Promise<Page<ChannelResponse>> {
    return this.channels.list(query);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel’s address, secret, events or switch it off (ADMIN); send the version you read' })
  @Permission('channel.manage')
  @ApiOkResponse({ type: ChannelResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateChannelDto, @CurrentActor() actor: Actor): Promise<ChannelResponse> {
    return this.channels.update(id, dto, actor);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test message to the channel now and show what the robot answered (ADMIN); nothing is stored' })
  @Permission('channel.manage')
  @ApiOkResponse({ type: ChannelTestResult })
  @ApiErrors(400, 404)
  test(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ChannelTestResult> {
    return this.channels.test(id, actor);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The channel’s delivery log, newest first, with each failure’s error (ADMIN)' })
  @Permission('channel.manage')
  @ApiPage(ChannelDeliveryResponse)
  @ApiErrors(400, 404)
  deliveries(@Param('id', IdPipe) id: string, @Query() query: ListChannelDeliveriesQuery): Promise<Page<ChannelDeliveryResponse>> {
    return this.channels.deliveriesOf(id, query);
  }
}

@ApiTags('notifications')
@Controller('notification-deliveries')
export class DeliveriesController {
  constructor(private readonly channels: ChannelsService) {}

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a FAILED channel delivery again (ADMIN); any other status answers 409' })
  @Permission('channel.manage')
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors(400, 404, 409)
  retry(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<DeliveryResponse> {
    return this.channels.retry(id, actor);
  }
}
