import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RemindersModule } from '../reminders/reminders.module.js';
import { Activity, Funding, ProjectTransition } from './project-records.entities.js';
import { ProjectRecordsService } from './project-records.service.js';
import { Project } from './project.entity.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Project, ProjectTransition, Funding, Activity]), RemindersModule],
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectRecordsService],
  exports: [ProjectsService, ProjectRecordsService],
})
export class ProjectsModule {}
