import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly, IsIntVersion, IsText, Nullable, PageQuery, QueryBoolean } from '../../../common/validation/decorators.js';
import {
  apiEnum,
  keysOf,
  PROBLEM_CATEGORIES,
  PROBLEM_STATUSES,
  type ProblemCategory,
  type ProblemEventKind,
  type ProblemStatus,
} from '../../reference/enums.js';
import type { Problem, ProblemEvent } from '../problem.entity.js';
import { daysOverdue, isOverdue } from '../problem-rules.js';

const CATEGORIES = keysOf(PROBLEM_CATEGORIES);
const STATUSES = keysOf(PROBLEM_STATUSES);

function commaList(value: unknown): unknown {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
}

export class CreateProblemDto {
  @ApiProperty({ example: '营业执照变更登记受阻', maxLength: 200 })
  @IsText(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsText(2000, { multiline: true })
  description?: string;

  @ApiProperty(apiEnum('ProblemCategory'))
  @IsIn(CATEGORIES)
  category: ProblemCategory;

  @ApiProperty({ format: 'uuid', description: 'the responsible department (责任单位)' })
  @IsUUID('all')
  departmentId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the person in charge (责任人): an active user; a DEPARTMENT user must be a contact of the department' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiProperty({ example: '2026-12-31', description: 'deadline, a district date (Asia/Shanghai); not before today' })
  @IsDateOnly()
  dueDate: string;
}

export class UpdateProblemDto {
  @ApiProperty({ description: 'the version you read; a stale one answers 409' })
  @IsIntVersion()
  version: number;

  @ApiPropertyOptional({ ...apiEnum('ProblemStatus'), description: 'OPEN → IN_PROGRESS → RESOLVED or UNRESOLVABLE; closed problems stay closed' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ProblemStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'required to close: how it was solved (RESOLVED) or why it cannot be (UNRESOLVABLE)' })
  @IsOptional()
  @IsText(2000, { multiline: true })
  resolution?: string;

  @ApiPropertyOptional({ example: '2027-01-15', description: 'a new deadline (the project’s officer or an admin); a new overdue episode' })
  @IsOptional()
  @IsDateOnly()
  dueDate?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null clears it' })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  assigneeId?: string | null;
}

export class SuperviseProblemDto {
  @ApiProperty({ example: '请区市场监管局本周内办结，周五前报送进展。', maxLength: 1000, description: 'the instruction (批示) the department sees' })
  @IsText(1000, { multiline: true })
  instruction: string;
}

export class ListProblemsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({ type: String, example: 'OPEN,IN_PROGRESS', description: 'one status, or several separated by commas' })
  @IsOptional()
  @Transform(({ value }) => commaList(value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STATUSES.length)
  @IsIn(STATUSES, { each: true, message: `status must be one or more of ${STATUSES.join(', ')}, separated by commas` })
  status?: ProblemStatus[];

  @ApiPropertyOptional({ type: Boolean, description: 'true: open (OPEN or IN_PROGRESS) and past the deadline; false: not overdue' })
  @QueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the person in charge' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'marked 督办 by a leader' })
  @QueryBoolean()
  supervised?: boolean;
}

export class ExportProblemsQuery extends OmitType(ListProblemsQuery, ['limit', 'cursor'] as const) {}

export class ProblemResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String }) projectName: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty(apiEnum('ProblemCategory')) category: ProblemCategory;
  @ApiProperty({ type: String, format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: String }) departmentName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
  @ApiProperty({ type: String, format: 'date' }) dueDate: string;
  @ApiProperty(apiEnum('ProblemStatus')) status: ProblemStatus;
  @ApiProperty({ type: Boolean, description: 'open and past the deadline (district date)' }) overdue: boolean;
  @ApiProperty({ type: Number, description: 'whole days past the deadline; 0 when not overdue' }) daysOverdue: number;
  @ApiProperty({ type: String, nullable: true }) resolution: string | null;
  @ApiProperty({ type: String, format: 'date' }) reportedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysToResolve: number | null;
  @ApiProperty({ type: Boolean }) supervised: boolean;
  @ApiProperty({ type: String, nullable: true, description: '批示: the latest instruction of a leader' }) instruction: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) supervisedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supervisedById: string | null;
  @ApiProperty({ type: String, nullable: true }) supervisedByName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: Number }) version: number;
}

export class ProblemEventResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) problemId: string;
  @ApiProperty({ type: String }) problemTitle: string;
  @ApiProperty({ type: String, format: 'uuid' }) projectId: string;
  @ApiProperty(apiEnum('ProblemEventKind')) kind: ProblemEventKind;
  @ApiProperty({ ...apiEnum('ProblemStatus'), nullable: true }) fromStatus: ProblemStatus | null;
  @ApiProperty({ ...apiEnum('ProblemStatus'), nullable: true }) toStatus: ProblemStatus | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class DepartmentProblemStats {
  @ApiProperty({ type: String, format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: String }) code: string;
  @ApiProperty({ type: String }) nameZh: string;
  @ApiProperty({ type: Number, description: 'OPEN or IN_PROGRESS' }) open: number;
  @ApiProperty({ type: Number, description: 'open and past the deadline' }) overdue: number;
  @ApiProperty({ type: Number, description: 'open, past the deadline and marked 督办' }) supervisedOverdue: number;
  @ApiProperty({ type: Number, description: 'resolved this district month' }) resolvedThisMonth: number;
  @ApiProperty({ type: Number }) resolved: number;
  @ApiProperty({ type: Number, nullable: true, description: 'average whole days from reported to resolved, one decimal; null when none resolved' })
  averageDaysToResolve: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the earliest deadline among its overdue problems' }) oldestOverdueDueDate: string | null;
}

export class ProblemStats {
  @ApiProperty({ type: String, format: 'date', description: 'today in the district' }) asOf: string;
  @ApiProperty({ type: Number, description: 'OPEN or IN_PROGRESS' }) open: number;
  @ApiProperty({ type: Number }) overdue: number;
  @ApiProperty({ type: Number }) supervised: number;
  @ApiProperty({ type: Number }) resolvedThisMonth: number;
  @ApiProperty({ type: Number, nullable: true }) averageDaysToResolve: number | null;
  @ApiProperty({ type: () => [DepartmentProblemStats], description: 'per department with any problem, overdue ones first' }) byDepartment: DepartmentProblemStats[];
}

export function toProblemResponse(p: Problem, today: string): ProblemResponse {
  return {
    id: p.id,
    projectId: p.projectId,
    projectName: p.project?.name ?? '',
    title: p.title,
    description: p.description,
    category: p.category,
    departmentId: p.departmentId,
    departmentName: p.department?.nameZh ?? '',
    assigneeId: p.assigneeId,
    assigneeName: p.assignee?.displayName ?? null,
    dueDate: p.dueDate,
    status: p.status,
    overdue: isOverdue(p, today),
    daysOverdue: daysOverdue(p, today),
    resolution: p.resolution,
    reportedOn: p.reportedOn,
    closedOn: p.closedOn,
    daysToResolve: p.daysToResolve,
    supervised: p.supervised,
    instruction: p.instruction,
    supervisedAt: p.supervisedAt,
    supervisedById: p.supervisedById,
    supervisedByName: p.supervisedBy?.displayName ?? null,
    createdById: p.createdById,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

export function toProblemEventResponse(e: ProblemEvent): ProblemEventResponse {
  return {
    id: e.id,
    problemId: e.problemId,
    problemTitle: e.problem?.title ?? '',
    projectId: e.projectId,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    note: e.note,
    actorId: e.actorId,
    createdAt: e.createdAt,
  };
}

