import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DepartmentsService } from './departments.service.js';
import { ProblemEscalationService } from './problem-escalation.service.js';
import { ProblemsService } from './problems.service.js';
import { SupervisionController } from './supervision.controller.js';

/** 督办: departments (责任单位), the problems of projects (问题清单) and their escalation when overdue. */
@Module({
  imports: [NotificationsModule],
  controllers: [SupervisionController],
  providers: [DepartmentsService, ProblemsService, ProblemEscalationService],
  exports: [ProblemEscalationService],
})
export class SupervisionModule {}
