import { Building } from '../modules/buildings/building.entity.js';
import { Placement } from '../modules/buildings/placement.entity.js';
import { UnitStatusChange } from '../modules/buildings/unit-status-change.entity.js';
import { Unit } from '../modules/buildings/unit.entity.js';
import { VacancySnapshot } from '../modules/buildings/vacancy-snapshot.entity.js';
import { Company } from '../modules/companies/company.entity.js';
import { CompanyMerge } from '../modules/companies/company-merge.entity.js';
import { CompanyQualification } from '../modules/companies/company-qualification.entity.js';
import { ImportJob } from '../modules/data-exchange/import-job.entity.js';
import { LeadActivity } from '../modules/leads/lead-activity.entity.js';
import { Lead } from '../modules/leads/lead.entity.js';
import { Plan, PlanIndicator } from '../modules/plans/plan.entities.js';
import { Activity, Funding, FundingReversal, ProjectTransition } from '../modules/projects/project-records.entities.js';
import { Project } from '../modules/projects/project.entity.js';
import { FundingDayTotal, IndicatorValue } from '../modules/progress/progress.entities.js';
import { Notification, NotificationChannel, NotificationDelivery, NotificationEvent } from '../modules/notifications/notification.entities.js';
import { Reminder } from '../modules/reminders/reminder.entity.js';
import { Industry, IndustrySegment, Zone } from '../modules/reference/reference.entities.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { AppSecret } from '../modules/users/app-secret.entity.js';
import { BuildingManager } from '../modules/users/building-manager.entity.js';
import { Department, DepartmentContact } from '../modules/supervision/department.entity.js';
import { Problem, ProblemEvent } from '../modules/supervision/problem.entity.js';
import { User } from '../modules/users/user.entity.js';

export const ENTITIES = [
  Industry,
  IndustrySegment,
  Zone,
  Plan,
  PlanIndicator,
  User,
  Building,
  Company,
  Lead,
  Project,
  ProjectTransition,
  Funding,
  Activity,
  BuildingManager,
  AuditEntry,
  AppSecret,
  Unit,
  UnitStatusChange,
  Placement,
  VacancySnapshot,
  FundingDayTotal,
  IndicatorValue,
  Reminder,
  NotificationChannel,
  NotificationEvent,
  Notification,
  NotificationDelivery,
  CompanyMerge,
  ImportJob,
  CompanyQualification,
  FundingReversal,
  LeadActivity,
  Department,
  DepartmentContact,
  Problem,
  ProblemEvent,
];
