import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BuildingsModule } from '../buildings/buildings.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { Activity, Funding, FundingReversal, ProjectTransition } from './project-records.entities.js';
import { ProjectRecordsService } from './project-records.service.js';
import { Project } from './project.entity.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Project, ProjectTransition, Funding, FundingReversal, Activity]), RemindersModule, BuildingsModule],
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectRecordsService],
  exports: [ProjectsService, ProjectRecordsService],
})
export class ProjectsModule {}
