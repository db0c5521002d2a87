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
import { ApiFileResponse, CSV_TYPE, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { CreateActivityDto, CreateFundingDto } from './dto/project-records.dto.js';
import {
  CreateProjectDto,
  ExportProjectsQuery,
  ListProjectsQuery,
  ReassignDto,
  StageCorrectionDto,
  TransitionDto,
  UpdateProjectDto,
} from './dto/project.dto.js';
import {
  ActivityResponse,
  FundingResponse,
  ProjectResponse,
  StageCorrectionResult,
  TIMELINE_ENTRY_TYPES,
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
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiErrors(400)
  create(@Body() dto: CreateProjectDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List projects with filters, newest first, keyset-paginated' })
  @Permission('project.read')
  @ApiPage(ProjectResponse)
  @ApiErrors(400)
  list(@Query() query: ListProjectsQuery): Promise<Page<ProjectResponse>> {
    return this.projects.list(query);
  }

  // Declared before ':id' so the paths are not taken for an id.
  @Get('export.xlsx')
  @Permission('project.read')
  @ApiFileResponse(XLSX_TYPE, 'the workbook')
  @ApiOperation({ summary: 'The list with its filters as an Excel workbook (Chinese headers, money in yuan), streamed' })
  @ApiErrors(400)
  async exportXlsx(@Query() query: ExportProjectsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', await this.projects.exportTable(query));
  }

  @Get('export.csv')
  @Permission('project.read')
  @ApiFileResponse(CSV_TYPE, 'the CSV file')
  @ApiOperation({ summary: 'The list with its filters as UTF-8 CSV with BOM (Chinese headers, money in yuan), streamed' })
  @ApiErrors(400)
  async exportCsv(@Query() query: ExportProjectsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', await this.projects.exportTable(query));
  }

  @Get(':id')
  @Permission('project.read')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string): Promise<ProjectResponse> {
    return this.projects.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a project (not its stage or owner); send the version you read' })
  @Permission('project.update')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateProjectDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.update(id, dto, actor);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the project to another officer (ADMIN)' })
  @Permission('project.reassign')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiErrors(400, 404, 409)
  reassign(@Param('id', IdPipe) id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.reassign(id, dto.ownerId, actor);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the project to another stage (forward only; LOST with a reason)' })
  @Permission('project.update')
  @ApiOkResponse({ type: ProjectResponse, description: 'the project at its new stage' })
  @ApiErrors(400, 404, 409)
  transition(
    @Param('id', IdPipe) id: string,
    @Body() dto: TransitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProjectResponse> {
    return this.projects.transition(id, dto, actor);
  }

  @Post(':id/stage-corrections')
  @ApiOperation({
    summary: 'Correct a stage set by mistake (ADMIN): replace the stage history, with a reason',
    description:
      'Body: the whole corrected history from NEGOTIATING on. Recomputes stage, stageChangedAt, signedAt and every figure that depends on them; ' +
      'the replaced rows are kept (superseded) and the audit row holds both histories. 409 STAGE_HISTORY_UNCHANGED, ' +
      'CORRECTION_CONFLICTS_FUNDINGS (funds in place before the corrected signing date), CORRECTION_CONFLICTS_PLACEMENTS, LOSS_BEFORE_PLACEMENT, STALE_VERSION.',
  })
  @Permission('project.correct-stages')
  @ApiCreatedResponse({ type: StageCorrectionResult })
  @ApiErrors(400, 404, 409)
  correctStages(@Param('id', IdPipe) id: string, @Body() dto: StageCorrectionDto, @CurrentActor() actor: Actor): Promise<StageCorrectionResult> {
    return this.projects.correctStages(id, dto, actor);
  }

  @Get(':id/transitions')
  @ApiOperation({ summary: 'The stage history, oldest first' })
  @Permission('project.read')
  @ApiPage(TransitionResponse)
  @ApiErrors(400, 404)
  transitions(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<TransitionResponse>> {
    return this.projects.listTransitions(id, page.limit, page.cursor);
  }

  @Post(':id/fundings')
  @ApiOperation({
    summary: 'Record funds in place (资金到位) for a signed project',
    description: 'amount > 0; date not in the future and not before the project signed (409 FUNDING_BEFORE_SIGNED). A mistyped entry is corrected with POST /fundings/{id}/reverse.',
  })
  @Permission('project.update')
  @ApiCreatedResponse({ type: FundingResponse })
  @ApiErrors(400, 404, 409)
  addFunding(
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateFundingDto,
    @CurrentActor() actor: Actor,
  ): Promise<FundingResponse> {
    return this.records.addFunding(id, dto, actor);
  }

  @Get(':id/fundings')
  @Permission('project.read')
  @ApiPage(FundingResponse)
  @ApiErrors(400, 404)
  fundings(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<FundingResponse>> {
    return this.records.listFundings(id, page.limit, page.cursor);
  }

  @Post(':id/activities')
  @ApiOperation({ summary: 'Log a call, visit or meeting, with an optional next follow-up' })
  @Permission('project.update')
  @ApiCreatedResponse({ type: ActivityResponse })
  @ApiErrors(400, 404, 409)
  addActivity(
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateActivityDto,
    @CurrentActor() actor: Actor,
  ): Promise<ActivityResponse> {
    return this.records.addActivity(id, dto, actor);
  }

  @Get(':id/activities')
  @Permission('project.read')
  @ApiPage(ActivityResponse)
  @ApiErrors(400, 404)
  activities(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<ActivityResponse>> {
    return this.records.listActivities(id, page.limit, page.cursor);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Activities, stage changes and fundings, newest first' })
  @Permission('project.read')
  @ApiPage(TIMELINE_ENTRY_TYPES, { description: 'a page of the timeline; `kind` says which record an entry holds' })
  @ApiErrors(400, 404)
  timeline(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<TimelineEntry>> {
    return this.records.timeline(id, page.limit, page.cursor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive (instead of delete): the project leaves lists unless ?archived=true' })
  @Permission('project.update')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiErrors(400, 404, 409)
  archive(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.archive(id, true, actor);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @Permission('project.update')
  @ApiOkResponse({ type: ProjectResponse })
  @ApiErrors(400, 404, 409)
  unarchive(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ProjectResponse> {
    return this.projects.archive(id, false, actor);
  }
}
