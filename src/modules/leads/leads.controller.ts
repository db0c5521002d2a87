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
import { CreateActivityDto } from '../projects/dto/project-records.dto.js';
import { ReassignDto } from '../projects/dto/project.dto.js';
import {
  ConversionResult,
  ConvertLeadDto,
  CreateLeadDto,
  DisqualifyLeadDto,
  ExportLeadsQuery,
  LeadActivityResponse,
  LeadPoolQuery,
  LeadResponse,
  ReleaseLeadDto,
  ListLeadsQuery,
  UpdateLeadDto,
} from './dto/lead.dto.js';
import { LeadActivitiesService } from './lead-activities.service.js';
import { LeadPoolService } from './lead-pool.service.js';
import { LeadsService } from './leads.service.js';

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly activities: LeadActivitiesService,
    private readonly leadPool: LeadPoolService,
  ) {}

  @Post()
  @Permission('lead.create')
  @ApiOperation({ summary: 'Capture a lead (线索); status NEW, owned by the creator' })
  @ApiCreatedResponse({ type: LeadResponse })
  @ApiErrors(400)
  create(@Body() dto: CreateLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.create(dto, actor);
  }

  @Get()
  @Permission('lead.read')
  @ApiPage(LeadResponse)
  @ApiErrors(400)
  list(@Query() query: ListLeadsQuery): Promise<Page<LeadResponse>> {
    return this.leads.list(query);
  }

  // Declared before ':id' so the paths are not taken for an id.
  @Get('pool')
  @Permission('lead.read')
  @ApiOperation({ summary: '公海: open leads without an owner, newest first; an officer claims one, an admin assigns it' })
  @ApiPage(LeadResponse)
  @ApiErrors(400)
  pool(@Query() query: LeadPoolQuery): Promise<Page<LeadResponse>> {
    return this.leadPool.pool(query);
  }

  @Get('export.xlsx')
  @Permission('lead.read')
  @ApiFileResponse(XLSX_TYPE, 'the workbook')
  @ApiOperation({ summary: 'The list with its filters as an Excel workbook (Chinese headers), streamed' })
  @ApiErrors(400)
  async exportXlsx(@Query() query: ExportLeadsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', await this.leads.exportTable(query));
  }

  @Get('export.csv')
  @Permission('lead.read')
  @ApiFileResponse(CSV_TYPE, 'the CSV file')
  @ApiOperation({ summary: 'The list with its filters as UTF-8 CSV with BOM (Chinese headers), streamed' })
  @ApiErrors(400)
  async exportCsv(@Query() query: ExportLeadsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', await this.leads.exportTable(query));
  }

  @Get(':id')
  @Permission('lead.read')
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string): Promise<LeadResponse> {
    return this.leads.get(id);
  }

  @Patch(':id')
  @Permission('lead.update')
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.update(id, dto, actor);
  }

  @Post(':id/convert')
  @Permission('lead.update')
  @ApiOperation({ summary: 'Convert into a project, creating or linking the company; a second convert is 409' })
  @ApiCreatedResponse({ type: ConversionResult })
  @ApiErrors(400, 404, 409)
  convert(
    @Param('id', IdPipe) id: string,
    @Body() dto: ConvertLeadDto,
    @CurrentActor() actor: Actor,
  ): Promise<ConversionResult> {
    return this.leads.convert(id, dto, actor);
  }

  @Post(':id/disqualify')
  @HttpCode(200)
  @Permission('lead.update')
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404, 409)
  disqualify(@Param('id', IdPipe) id: string, @Body() dto: DisqualifyLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.disqualify(id, dto, actor);
  }

  @Post(':id/activities')
  @Permission('lead.update')
  @ApiOperation({ summary: 'Log a call, visit or meeting on an open lead, with an optional next follow-up that sets the owner’s reminder' })
  @ApiCreatedResponse({ type: LeadActivityResponse })
  @ApiErrors(400, 404, 409)
  addActivity(@Param('id', IdPipe) id: string, @Body() dto: CreateActivityDto, @CurrentActor() actor: Actor): Promise<LeadActivityResponse> {
    return this.activities.add(id, dto, actor);
  }

  @Get(':id/activities')
  @Permission('lead.read')
  @ApiOperation({ summary: 'The lead’s activities, newest first' })
  @ApiPage(LeadActivityResponse)
  @ApiErrors(400, 404)
  listActivities(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<LeadActivityResponse>> {
    return this.activities.list(id, page.limit, page.cursor);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Permission('lead.claim')
  @ApiOperation({
    summary: 'Claim a lead from the pool (公海) (OFFICER)',
    description: 'Of two officers claiming at once one wins; the other gets 409 LEAD_TAKEN. 409 LEAD_CLAIM_LIMIT at LEAD_POOL_CLAIM_LIMIT open claims.',
  })
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404, 409)
  claim(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leadPool.claim(id, actor);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Permission('lead.release')
  @ApiOperation({ summary: 'Hand an open lead back to the pool, with an optional reason (its owner, or an admin)' })
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404, 409)
  release(@Param('id', IdPipe) id: string, @Body() dto: ReleaseLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leadPool.release(id, dto, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Permission('lead.assign')
  @ApiOperation({ summary: 'Give an open lead, from the pool or another officer, to an officer (ADMIN)' })
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404, 409)
  assign(@Param('id', IdPipe) id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leadPool.assign(id, dto.ownerId, actor);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Permission('lead.reassign')
  @ApiOperation({ summary: 'Hand the lead to another officer (ADMIN)' })
  @ApiOkResponse({ type: LeadResponse })
  @ApiErrors(400, 404, 409)
  reassign(@Param('id', IdPipe) id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.reassign(id, dto.ownerId, actor);
  }
}
