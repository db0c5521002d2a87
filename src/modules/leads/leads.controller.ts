import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { CSV_TYPE, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { ReassignDto } from '../projects/dto/project.dto.js';
import {
  ConvertLeadDto,
  CreateLeadDto,
  DisqualifyLeadDto,
  ExportLeadsQuery,
  LeadResponse,
  ListLeadsQuery,
  UpdateLeadDto,
} from './dto/lead.dto.js';
import { ConversionResult, LeadsService } from './leads.service.js';

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @Permission('lead.create')
  @ApiOperation({ summary: 'Capture a lead (线索); status NEW, owned by the creator' })
  create(@Body() dto: CreateLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.create(dto, actor);
  }

  @Get()
  @Permission('lead.read')
  list(@Query() query: ListLeadsQuery): Promise<Page<LeadResponse>> {
    return this.leads.list(query);
  }

  // Declared before ':id' so the paths are not taken for an id.
  @Get('export.xlsx')
  @Permission('lead.read')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'The list with its filters as an Excel workbook (Chinese headers), streamed' })
  async exportXlsx(@Query() query: ExportLeadsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', await this.leads.exportTable(query));
  }

  @Get('export.csv')
  @Permission('lead.read')
  @ApiProduces(CSV_TYPE)
  @ApiOperation({ summary: 'The list with its filters as UTF-8 CSV with BOM (Chinese headers), streamed' })
  async exportCsv(@Query() query: ExportLeadsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', await this.leads.exportTable(query));
  }

  @Get(':id')
  @Permission('lead.read')
  get(@Param('id', IdPipe) id: string): Promise<LeadResponse> {
    return this.leads.get(id);
  }

  @Patch(':id')
  @Permission('lead.update')
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.update(id, dto, actor);
  }

  @Post(':id/convert')
  @Permission('lead.update')
  @ApiOperation({ summary: 'Convert into a project, creating or linking the company; a second convert is 409' })
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
  disqualify(@Param('id', IdPipe) id: string, @Body() dto: DisqualifyLeadDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.disqualify(id, dto, actor);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Permission('lead.reassign')
  @ApiOperation({ summary: 'Hand the lead to another officer (ADMIN)' })
  reassign(@Param('id', IdPipe) id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor): Promise<LeadResponse> {
    return this.leads.reassign(id, dto.ownerId, actor);
  }
}
