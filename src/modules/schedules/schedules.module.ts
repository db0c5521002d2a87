import { Module } from '@nestjs/common';
import { BuildingsModule } from '../buildings/buildings.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { BackupsService } from './backups.service.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { Reconciler } from './reconciler.service.js';
import { ScansService } from './scans.service.js';
import { SchedulesService } from './schedules.service.js';

/** Recurring work: the reconciler, the scans (follow-ups, stale projects, vacancy, leases), the digest, snapshots and backups. */
@Module({
  imports: [NotificationsModule, RemindersModule, ProgressModule, BuildingsModule, SupervisionModule, LeadsModule],
  providers: [ScansService, Reconciler, SchedulesService, MaintenanceProcessor, BackupsService],
  exports: [ScansService, Reconciler, SchedulesService, BackupsService],
})
export class SchedulesModule {}
