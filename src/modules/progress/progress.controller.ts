import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { FundingResponse } from '../projects/dto/project.response.js';
import { ProjectRecordsService } from '../projects/project-records.service.js';
import {
  BreakdownQuery,
  CreatePlanDto,
  FunnelQuery,
  IndicatorValueDto,
  ProgressQuery,
  RecordsQuery,
  VerifyFundingDto,
} from './dto/progress.dto.js';
import { FunnelService } from './funnel.service.js';
import { PlanResponse, PlansService } from './plans.service.js';
import { ProgressRecordsService } from './progress-records.service.js';
import { ProgressReportService } from './progress-report.service.js';
import { BreakdownResponse, ProgressResponse, ProgressService } from './progress.service.js';

@ApiTags('progress')
@Controller()
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly records: ProgressRecordsService,
    private readonly funnelService: FunnelService,
    private readonly report: ProgressReportService,
    private readonly plans: PlansService,
    private readonly fundings: ProjectRecordsService,
  ) {}

  @Get('plans')
  @Permission('plan.read')
  @ApiOperation({ summary: 'Plans with their periods and targets' })
  listPlans(): Promise<PlanResponse[]> {
    return this.plans.list();
  }

  @Post('plans')
  @Permission('plan.manage')
  @ApiOperation({ summary: 'Enter a plan (e.g. the 15th, 2026–2030) with its targets (ADMIN)' })
  createPlan(@Body() dto: CreatePlanDto, @CurrentActor() actor: Actor): Promise<PlanResponse> {
    return this.plans.create(dto, actor);
  }

  @Post('plans/:code/indicators/:indicator/values')
  @Permission('plan.manage')
  @ApiOperation({ summary: 'Enter the dated figure of a hand-entered indicator (MARKET_ENTITIES) (ADMIN)' })
  enterValue(
    @Param('code') code: string,
    @Param('indicator') indicator: string,
    @Body() dto: IndicatorValueDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ date: string; value: string; note: string | null }> {
    return this.plans.enterValue(code, indicator, dto, actor);
  }

  @Get('progress')
  @Permission('progress.read')
  @ApiOperation({ summary: 'Each indicator: target, actual, percent, expected by now, forecast, status, by year' })
  get(@Query() query: ProgressQuery): Promise<ProgressResponse> {
    return this.progress.progress(query.plan, query.asOf);
  }

  @Get('progress/breakdown')
  @Permission('progress.read')
  @ApiOperation({ summary: "An indicator's figure by industry, zone, origin, source, owner or year; rows sum to the total" })
  breakdown(@Query() query: BreakdownQuery): Promise<BreakdownResponse> {
    return this.progress.breakdown(query.plan, query.indicator, query.by, query.asOf);
  }

  @Get('progress/records')
  @Permission('progress.read')
  @ApiOperation({ summary: "The records behind an indicator's figure, newest first" })
  recordsOf(@Query() query: RecordsQuery): Promise<Page<Record<string, unknown>> & { indicator: string }> {
    return this.records.records(query);
  }

  @Get('pipeline/funnel')
  @Permission('progress.read')
  @ApiOperation({ summary: 'Per stage: projects that reached it, planned amounts, conversion to the next, median days' })
  funnel(@Query() query: FunnelQuery): ReturnType<FunnelService['funnel']> {
    return this.funnelService.funnel(query.from, query.to);
  }

  @Get('reports/progress.xlsx')
  @Permission('progress.read')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The progress workbook with Chinese headers: indicators and one sheet per breakdown' })
  async workbook(@Query() query: ProgressQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const buffer = await this.report.workbook(query.plan, query.asOf);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="progress-${query.plan}.xlsx"; filename*=UTF-8''${encodeURIComponent(`规划进度-${query.plan}.xlsx`)}`);
    return new StreamableFile(buffer);
  }

  @Post('fundings/:id/verify')
  @HttpCode(200)
  @Permission('funding.verify')
  @ApiOperation({ summary: 'Mark a funds-in-place entry verified, with the evidence reference (ADMIN)' })
  verify(@Param('id', IdPipe) id: string, @Body() dto: VerifyFundingDto, @CurrentActor() actor: Actor): Promise<FundingResponse> {
    return this.fundings.verifyFunding(id, dto.evidenceRef, actor);
  }
}
