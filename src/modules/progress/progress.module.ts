import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Plan, PlanIndicator } from '../plans/plan.entities.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { DataQualityController } from './data-quality.controller.js';
import { DataQualityService } from './data-quality.service.js';
import { FunnelService } from './funnel.service.js';
import { PlansService } from './plans.service.js';
import { ProgressRecordsService } from './progress-records.service.js';
import { ProgressReportService } from './progress-report.service.js';
import { ProgressController } from './progress.controller.js';
import { IndicatorValue } from './progress.entities.js';
import { ProgressService } from './progress.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, PlanIndicator, IndicatorValue]), ProjectsModule],
  controllers: [ProgressController, DataQualityController],
  providers: [ProgressService, ProgressRecordsService, FunnelService, ProgressReportService, PlansService, DataQualityService],
  exports: [ProgressService],
})
export class ProgressModule {}
