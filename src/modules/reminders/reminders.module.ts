import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { Reminder } from './reminder.entity.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersProcessor } from './reminders.processor.js';
import { RemindersService } from './reminders.service.js';

/** Reminders: set by users or derived from follow-ups, each fired once by its delayed job. */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder]), NotificationsModule],
  controllers: [RemindersController],
  providers: [RemindersService, RemindersProcessor],
  exports: [RemindersService],
})
export class RemindersModule {}
