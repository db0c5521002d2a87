import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { ApiFileResponse, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { DepartmentsService } from './departments.service.js';
import { CreateDepartmentDto, DepartmentResponse, UpdateDepartmentDto } from './dto/department.dto.js';
import {
  CreateProblemDto,
  ExportProblemsQuery,
  ListProblemsQuery,
  ProblemEventResponse,
  ProblemResponse,
  ProblemStats,
  SuperviseProblemDto,
  UpdateProblemDto,
} from './dto/problem.dto.js';
import { ProblemsService } from './problems.service.js';

/** 督办: departments (责任单位) and the problems of projects (问题清单). */
@ApiTags('supervision')
@Controller()
export class SupervisionController {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly problems: ProblemsService,
  ) {}

  @Get('departments')
  @ApiOperation({ summary: 'The responsible departments (责任单位) with their contacts, in the order entered' })
  @Permission('department.read')
  @ApiPage(DepartmentResponse)
  @ApiErrors(400)
  listDepartments(@Query() page: PageQuery): Promise<Page<DepartmentResponse>> {
    return this.departments.list(page);
  }

  @Post('departments')
  @ApiOperation({ summary: 'Add a department; contacts are active DEPARTMENT users' })
  @Permission('department.manage')
  @ApiCreatedResponse({ type: DepartmentResponse })
  @ApiErrors(400, 409)
  createDepartment(@Body() dto: CreateDepartmentDto, @CurrentActor() actor: Actor): Promise<DepartmentResponse> {
    return this.departments.create(dto, actor);
  }

  @Patch('departments/:id')
  @ApiOperation({ summary: 'Rename, (de)activate or replace the contacts of a department' })
  @Permission('department.manage')
  @ApiOkResponse({ type: DepartmentResponse })
  @ApiErrors(400, 404, 409)
  updateDepartment(@Param('id', IdPipe) id: string, @Body() dto: UpdateDepartmentDto, @CurrentActor() actor: Actor): Promise<DepartmentResponse> {
    return this.departments.update(id, dto, actor);
  }

  @Post('projects/:id/problems')
  @ApiOperation({ summary: 'Report a problem (项目问题) of a project to a responsible department, with a deadline' })
  @Permission('problem.create')
  @ApiCreatedResponse({ type: ProblemResponse })
  @ApiErrors(400, 404, 409)
  create(@Param('id', IdPipe) projectId: string, @Body() dto: CreateProblemDto, @CurrentActor() actor: Actor): Promise<ProblemResponse> {
    return this.problems.create(projectId, dto, actor);
  }

  @Get('problems')
  @ApiOperation({ summary: 'Problems, newest first, keyset-paginated; a department user sees only their departments’ problems (我的问题)' })
  @Permission('problem.read')
  @ApiPage(ProblemResponse)
  @ApiErrors(400)
  list(@Query() query: ListProblemsQuery, @CurrentActor() actor: Actor): Promise<Page<ProblemResponse>> {
    return this.problems.list(query, actor);
  }

  // Declared before ':id' so the paths are not taken for an id.
  @Get('problems/stats')
  @ApiOperation({ summary: 'Counts for the dashboard: open, overdue, resolved this month, average days to resolve, per department' })
  @Permission('problem.read')
  @ApiOkResponse({ type: ProblemStats })
  stats(@CurrentActor() actor: Actor): Promise<ProblemStats> {
    return this.problems.stats(actor);
  }

  @Get('problems/export.xlsx')
  @ApiOperation({ summary: 'The list with its filters as an Excel workbook (Chinese headers), e.g. ?overdue=true for the weekly meeting' })
  @Permission('problem.read')
  @ApiFileResponse(XLSX_TYPE, 'the workbook')
  @ApiErrors(400)
  async exportXlsx(@Query() query: ExportProblemsQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', await this.problems.exportTable(query, actor));
  }

  @Get('problems/:id')
  @Permission('problem.read')
  @ApiOkResponse({ type: ProblemResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ProblemResponse> {
    return this.problems.get(id, actor);
  }

  @Get('problems/:id/history')
  @ApiOperation({ summary: 'What happened to a problem (reported, status changes, 督办, overdue notices), newest first' })
  @Permission('problem.read')
  @ApiPage(ProblemEventResponse)
  @ApiErrors(400, 404)
  history(@Param('id', IdPipe) id: string, @Query() page: PageQuery, @CurrentActor() actor: Actor): Promise<Page<ProblemEventResponse>> {
    return this.problems.history(id, actor, page.limit, page.cursor);
  }

  @Patch('problems/:id')
  @ApiOperation({ summary: 'Change status (closing needs a resolution), deadline or person in charge; stale version: 409' })
  @Permission('problem.update')
  @ApiOkResponse({ type: ProblemResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateProblemDto, @CurrentActor() actor: Actor): Promise<ProblemResponse> {
    return this.problems.update(id, dto, actor);
  }

  @Post('problems/:id/supervise')
  @HttpCode(200)
  @ApiOperation({ summary: '督办: a leader marks an open problem with an instruction (批示) that the department sees' })
  @Permission('problem.supervise')
  @ApiOkResponse({ type: ProblemResponse })
  @ApiErrors(400, 404, 409)
  supervise(@Param('id', IdPipe) id: string, @Body() dto: SuperviseProblemDto, @CurrentActor() actor: Actor): Promise<ProblemResponse> {
    return this.problems.supervise(id, dto, actor);
  }
}
