import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsService } from './channels.service.js';
import { DeliveriesProcessor } from './deliveries.processor.js';
import { User } from '../users/user.entity.js';
import { DeliveriesService } from './deliveries.service.js';
import { DigestsService } from './digests.service.js';
import { Notification, NotificationChannel, NotificationDelivery, NotificationEvent } from './notification.entities.js';
import { ChannelsController, DeliveriesController, NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { WebhookTargets } from './webhook-targets.service.js';

/** The inbox, the channels (WeCom, DingTalk, webhook) and the delivery of notifications to them. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationEvent, NotificationDelivery, NotificationChannel, User])],
  controllers: [NotificationsController, ChannelsController, DeliveriesController],
  providers: [NotificationsService, ChannelsService, DeliveriesService, DeliveriesProcessor, WebhookTargets, DigestsService],
  exports: [NotificationsService, DigestsService],
})
export class NotificationsModule {}
