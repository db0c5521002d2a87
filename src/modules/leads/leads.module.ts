import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '../companies/companies.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { LeadActivitiesService } from './lead-activities.service.js';
import { LeadPoolService } from './lead-pool.service.js';
import { LeadActivity } from './lead-activity.entity.js';
import { Lead } from './lead.entity.js';
import { LeadsController } from './leads.controller.js';
import { LeadsService } from './leads.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadActivity]), CompaniesModule, ProjectsModule, RemindersModule, NotificationsModule],
  controllers: [LeadsController],
  providers: [LeadsService, LeadActivitiesService, LeadPoolService],
  exports: [LeadsService, LeadPoolService],
})
export class LeadsModule {}
