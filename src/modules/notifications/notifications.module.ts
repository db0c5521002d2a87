import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsService } from './channels.service.js';
import { DeliveriesProcessor } from './deliveries.processor.js';
import { DeliveriesService } from './deliveries.service.js';
import { Notification, NotificationChannel, NotificationDelivery, NotificationEvent } from './notification.entities.js';
import { ChannelsController, NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { WebhookTargets } from './webhook-targets.service.js';

/** The inbox, the channels (WeCom, DingTalk, webhook) and the delivery of notifications to them. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationEvent, NotificationDelivery, NotificationChannel])],
  controllers: [NotificationsController, ChannelsController],
  providers: [NotificationsService, ChannelsService, DeliveriesService, DeliveriesProcessor, WebhookTargets],
  exports: [NotificationsService],
})
export class NotificationsModule {}
