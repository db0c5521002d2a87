import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { CreateActivityDto, CreateFundingDto } from './dto/project-records.dto.js';
import { CreateProjectDto, ListProjectsQuery, TransitionDto, UpdateProjectDto } from './dto/project.dto.js';
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
  create(@Body() dto: CreateProjectDto, @CurrentActor() actor: Actor | null): Promise<ProjectResponse> {
    return this.projects.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List projects with filters, newest first, keyset-paginated' })
  list(@Query() query: ListProjectsQuery): Promise<Page<ProjectResponse>> {
    return this.projects.list(query);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string): Promise<ProjectResponse> {
    return this.projects.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a project (not its stage or owner); send the version you read' })
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateProjectDto): Promise<ProjectResponse> {
    return this.projects.update(id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the project to another stage (forward only; LOST with a reason)' })
  transition(
    @Param('id', IdPipe) id: string,
    @Body() dto: TransitionDto,
    @CurrentActor() actor: Actor | null,
  ): Promise<ProjectResponse> {
    return this.projects.transition(id, dto, actor);
  }

  @Get(':id/transitions')
  @ApiOperation({ summary: 'The stage history, oldest first' })
  transitions(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<TransitionResponse>> {
    return this.projects.listTransitions(id, page.limit, page.cursor);
  }

  @Post(':id/fundings')
  @ApiOperation({ summary: 'Record funds in place (资金到位) for a signed project' })
  addFunding(
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateFundingDto,
    @CurrentActor() actor: Actor | null,
  ): Promise<FundingResponse> {
    return this.records.addFunding(id, dto, actor);
  }

  @Get(':id/fundings')
  fundings(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<FundingResponse>> {
    return this.records.listFundings(id, page.limit, page.cursor);
  }

  @Post(':id/activities')
  @ApiOperation({ summary: 'Log a call, visit or meeting, with an optional next follow-up' })
  addActivity(
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateActivityDto,
    @CurrentActor() actor: Actor | null,
  ): Promise<ActivityResponse> {
    return this.records.addActivity(id, dto, actor);
  }

  @Get(':id/activities')
  activities(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<ActivityResponse>> {
    return this.records.listActivities(id, page.limit, page.cursor);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Activities, stage changes and fundings, newest first' })
  timeline(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<TimelineEntry>> {
    return this.records.timeline(id, page.limit, page.cursor);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive (instead of delete): the project leaves lists unless ?archived=true' })
  archive(@Param('id', IdPipe) id: string): Promise<ProjectResponse> {
    return this.projects.archive(id, true);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  unarchive(@Param('id', IdPipe) id: string): Promise<ProjectResponse> {
    return this.projects.archive(id, false);
  }
}
