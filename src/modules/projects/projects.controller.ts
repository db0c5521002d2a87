import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { CSV_TYPE, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { CreateActivityDto, CreateFundingDto } from './dto/project-records.dto.js';
import { CreateProjectDto, ExportProjectsQuery, ListProjectsQuery, ReassignDto, TransitionDto, UpdateProjectDto } from './dto/project.dto.js';
import {
  ActivityResponse,
  FundingResponse,
  ProjectResponse,
  TimelineEntry,
  TransitionResponse,
} from './dto/project.response.js';
import { ProjectRecordsService } from './project-records.service.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly records: ProjectRecordsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a project at NEGOTIATING; owner defaults to the creator' })
  @Permission('project.create')
  create(@Body() dto: CreateProjectDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List projects with filters, newest first, keyset-paginated' })
  @Permission('project.read')
  list(@Query() query: ListProjectsQuery): Promise<Page<ProjectResponse>> {
    return this.projects.list(query);
  }

  // Declared before ':id' so the paths are not taken for an id.
  @Get('export.xlsx')
  @Permission('project.read')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'The list with its filters as an Excel workbook (Chinese headers, money in yuan), streamed' })
  async exportXlsx(@Query() query: ExportProjectsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', await this.projects.exportTable(query));
  }

  @Get('export.csv')
  @Permission('project.read')
  @ApiProduces(CSV_TYPE)
  @ApiOperation({ summary: 'The list with its filters as UTF-8 CSV with BOM (Chinese headers, money in yuan), streamed' })
  async exportCsv(@Query() query: ExportProjectsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', await this.projects.exportTable(query));
  }

  @Get(':id')
  @Permission('project.read')
  get(@Param('id', IdPipe) id: string): Promise<ProjectResponse> {
    return this.projects.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a project (not its stage or owner); send the version you read' })
  @Permission('project.update')
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateProjectDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.update(id, dto, actor);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the project to another officer (ADMIN)' })
  @Permission('project.reassign')
  reassign(@Param('id', IdPipe) id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.reassign(id, dto.ownerId, actor);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the project to another stage (forward only; LOST with a reason)' })
  @Permission('project.update')
  transition(
    @Param('id', IdPipe) id: string,
    @Body() dto: TransitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProjectResponse> {
    return this.projects.transition(id, dto, actor);
  }

  @Get(':id/transitions')
  @ApiOperation({ summary: 'The stage history, oldest first' })
  @Permission('project.read')
  transitions(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<TransitionResponse>> {
    return this.projects.listTransitions(id, page.limit, page.cursor);
  }

  @Post(':id/fundings')
  @ApiOperation({ summary: 'Record funds in place (资金到位) for a signed project' })
  @Permission('project.update')
  addFunding(
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateFundingDto,
    @CurrentActor() actor: Actor,
  ): Promise<FundingResponse> {
    return this.records.addFunding(id, dto, actor);
  }

  @Get(':id/fundings')
  @Permission('project.read')
  fundings(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<FundingResponse>> {
    return this.records.listFundings(id, page.limit, page.cursor);
  }

  @Post(':id/activities')
  @ApiOperation({ summary: 'Log a call, visit or meeting, with an optional next follow-up' })
  @Permission('project.update')
  addActivity(
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateActivityDto,
    @CurrentActor() actor: Actor,
  ): Promise<ActivityResponse> {
    return this.records.addActivity(id, dto, actor);
  }

  @Get(':id/activities')
  @Permission('project.read')
  activities(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<ActivityResponse>> {
    return this.records.listActivities(id, page.limit, page.cursor);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Activities, stage changes and fundings, newest first' })
  @Permission('project.read')
  timeline(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<TimelineEntry>> {
    return this.records.timeline(id, page.limit, page.cursor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive (instead of delete): the project leaves lists unless ?archived=true' })
  @Permission('project.update')
  archive(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.archive(id, true, actor);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @Permission('project.update')
  unarchive(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.archive(id, false, actor);
  }
}
