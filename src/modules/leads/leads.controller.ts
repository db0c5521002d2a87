import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import {
  ConvertLeadDto,
  CreateLeadDto,
  DisqualifyLeadDto,
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
  @ApiOperation({ summary: 'Capture a lead (线索); status NEW, owned by the creator' })
  create(@Body() dto: CreateLeadDto, @CurrentActor() actor: Actor | null): Promise<LeadResponse> {
    return this.leads.create(dto, actor);
  }

  @Get()
  list(@Query() query: ListLeadsQuery): Promise<Page<LeadResponse>> {
    return this.leads.list(query);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string): Promise<LeadResponse> {
    return this.leads.get(id);
  }

  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateLeadDto): Promise<LeadResponse> {
    return this.leads.update(id, dto);
  }

  @Post(':id/convert')
  @ApiOperation({ summary: 'Convert into a project, creating or linking the company; a second convert is 409' })
  convert(
    @Param('id', IdPipe) id: string,
    @Body() dto: ConvertLeadDto,
    @CurrentActor() actor: Actor | null,
  ): Promise<ConversionResult> {
    return this.leads.convert(id, dto, actor);
  }

  @Post(':id/disqualify')
  @HttpCode(200)
  disqualify(@Param('id', IdPipe) id: string, @Body() dto: DisqualifyLeadDto): Promise<LeadResponse> {
    return this.leads.disqualify(id, dto);
  }
}
