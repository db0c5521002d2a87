import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { ApiFileResponse, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { FundingResponse } from '../projects/dto/project.response.js';
import { ProjectRecordsService } from '../projects/project-records.service.js';
import { ReverseFundingDto } from '../projects/dto/project-records.dto.js';
import {
  BreakdownQuery,
  CreatePlanDto,
  FunnelQuery,
  IndicatorValueDto,
  ProgressQuery,
  RecordsQuery,
  UpdatePlanDto,
  VerifyFundingDto,
} from './dto/progress.dto.js';
import { BreakdownResponse, Funnel, IndicatorValueResponse, PlanResponse, PROGRESS_RECORD_TYPES, PROGRESS_RECORDS_EXTRA, ProgressResponse } from './dto/progress.response.js';
import { FunnelService } from './funnel.service.js';
import { PlansService } from './plans.service.js';
import { ProgressRecordsService } from './progress-records.service.js';
import { ProgressReportService } from './progress-report.service.js';
import { ProgressService } from './progress.service.js';

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
  @ApiOkResponse({ type: PlanResponse, isArray: true })
  listPlans(): Promise<PlanResponse[]> {
    return this.plans.list();
  }

  @Post('plans')
  @Permission('plan.manage')
  @ApiOperation({
    summary: 'Enter a plan (e.g. the 15th, 2026–2030) with its targets (ADMIN)',
    description:
      'Targets, baselines and milestones as numbers or decimal strings (counts whole). A period overlapping another plan is refused ' +
      '(409 PLAN_PERIOD_OVERLAP) unless overlapReason says why.',
  })
  @ApiCreatedResponse({ type: PlanResponse })
  @ApiErrors(400, 409)
  createPlan(@Body() dto: CreatePlanDto, @CurrentActor() actor: Actor): Promise<PlanResponse> {
    return this.plans.create(dto, actor);
  }

  @Patch('plans/:code')
  @Permission('plan.manage')
  @ApiOperation({
    summary: "Change a plan (ADMIN): statusBasis, name, indicators' targets, baselines and yearly milestones",
    description:
      'statusBasis REPORTED (default) or VERIFIED chooses which figure money statuses follow. Each indicator named by code gets the figures given ' +
      '(milestones: the whole cumulative list), checked as on entry: counts whole, money exact, milestone years within the period and once, none ' +
      'above the target (400 with details). All or nothing, audited; a stale version answers 409 STALE_VERSION and changes nothing.',
  })
  @ApiOkResponse({ type: PlanResponse })
  @ApiErrors(400, 404, 409)
  updatePlan(@Param('code') code: string, @Body() dto: UpdatePlanDto, @CurrentActor() actor: Actor): Promise<PlanResponse> {
    return this.plans.update(code, dto, actor);
  }

  @Post('plans/:code/indicators/:indicator/values')
  @Permission('plan.manage')
  @ApiOperation({ summary: 'Enter the dated figure of a hand-entered indicator (MARKET_ENTITIES) (ADMIN)' })
  @ApiCreatedResponse({ type: IndicatorValueResponse })
  @ApiErrors(400, 404, 409)
  enterValue(
    @Param('code') code: string,
    @Param('indicator') indicator: string,
    @Body() dto: IndicatorValueDto,
    @CurrentActor() actor: Actor,
  ): Promise<IndicatorValueResponse> {
    return this.plans.enterValue(code, indicator, dto, actor);
  }

  @Get('progress')
  @Permission('progress.read')
  @ApiOperation({
    summary: 'Each indicator: target, actual, percent, expected by now, forecast, status, by year',
    description:
      'status: while the period runs AHEAD (超前), ON_TRACK (正常, within ±5 % of expectedByNow) or BEHIND (滞后); once asOf reaches the ' +
      'plan end ACHIEVED (已完成) or MISSED (未完成) against the target (periodEnded: true); NOT_ENTERED (未填报) for a hand-entered ' +
      'indicator without a value (actual, percent and forecast are then null). Money indicators show percent (reported) and ' +
      'percentVerified; the status and forecast follow the plan\'s statusBasis (REPORTED by default, or VERIFIED). The forecast is never ' +
      'negative and, for a cumulative flow, never below actual. JINGJI_INVESTMENT lists in `excluded` the Beijing–Hebei funds in place ' +
      'of the period that its definition leaves out (projects signed before the period).',
  })
  @ApiOkResponse({ type: ProgressResponse })
  @ApiErrors(400, 404, 409)
  async get(@Query() query: ProgressQuery): Promise<ProgressResponse> {
    return this.progress.progress(await this.plans.codeFor(query.plan, query.asOf), query.asOf);
  }

  @Get('progress/breakdown')
  @Permission('progress.read')
  @ApiOperation({ summary: "An indicator's figure by industry, zone, origin, source, owner, first-contact officer (首谈人) or year; rows sum to the total" })
  @ApiOkResponse({ type: BreakdownResponse })
  @ApiErrors(400, 404, 409)
  async breakdown(@Query() query: BreakdownQuery): Promise<BreakdownResponse> {
    return this.progress.breakdown(await this.plans.codeFor(query.plan, query.asOf), query.indicator, query.by, query.asOf);
  }

  @Get('progress/records')
  @Permission('progress.read')
  @ApiOperation({ summary: "The records behind an indicator's figure, newest first" })
  @ApiPage(PROGRESS_RECORD_TYPES, { extra: PROGRESS_RECORDS_EXTRA, description: 'a page of the records; their shape depends on the indicator' })
  @ApiErrors(400, 404, 409)
  async recordsOf(@Query() query: RecordsQuery): Promise<Page<Record<string, unknown>> & { indicator: string }> {
    return this.records.records({ ...query, plan: await this.plans.codeFor(query.plan, query.asOf) });
  }

  @Get('pipeline/funnel')
  @Permission('progress.read')
  @ApiOperation({ summary: 'Per stage: projects that reached it, planned amounts, conversion to the next, median days' })
  @ApiOkResponse({ type: Funnel })
  @ApiErrors(400)
  funnel(@Query() query: FunnelQuery): Promise<Funnel> {
    return this.funnelService.funnel(query.from, query.to);
  }

  @Get('reports/progress.xlsx')
  @Permission('progress.read')
  @ApiFileResponse(XLSX_TYPE, 'the workbook')
  @ApiOperation({
    summary: 'The progress workbook with Chinese headers',
    description:
      'Sheets: 指标进度 (亿元/万元, 万㎡, 个/家/户 with number formats), 精确值 (exact figures in 元/美元/㎡), 统计口径, one per breakdown ' +
      '(display unit and exact value side by side), and 明细-<indicator>: the records behind each figure. Streamed.',
  })
  @ApiErrors(400, 404, 409)
  async workbook(@Query() query: ProgressQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const plan = await this.plans.codeFor(query.plan, query.asOf);
    const stream = await this.report.workbook(plan, query.asOf);
    res.on('close', () => stream.destroy());
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="progress-${plan}.xlsx"; filename*=UTF-8''${encodeURIComponent(`规划进度-${plan}.xlsx`)}`);
    return new StreamableFile(stream);
  }

  @Post('fundings/:id/verify')
  @HttpCode(200)
  @Permission('funding.verify')
  @ApiOperation({ summary: 'Mark a funds-in-place entry verified, with the evidence reference (ADMIN)' })
  @ApiOkResponse({ type: FundingResponse })
  @ApiErrors(400, 404, 409)
  verify(@Param('id', IdPipe) id: string, @Body() dto: VerifyFundingDto, @CurrentActor() actor: Actor): Promise<FundingResponse> {
    return this.fundings.verifyFunding(id, dto.evidenceRef, actor);
  }

  @Post('fundings/:id/reverse')
  @Permission('funding.reverse')
  @ApiOperation({
    summary: 'Reverse a funds-in-place entry (冲销): a reversing entry with the negated amount, dated today or `date`',
    description:
      'The original entry stays; figures as of a date before the reversal do not change. The project owner or an admin; a verified entry only an admin ' +
      '(the reversal is then verified too). 409 FUNDING_ALREADY_REVERSED, FUNDING_IS_REVERSAL, ARCHIVED; 400 for a date before the original or in the future.',
  })
  @ApiCreatedResponse({ type: FundingResponse, description: 'the reversing entry' })
  @ApiErrors(400, 404, 409)
  reverse(@Param('id', IdPipe) id: string, @Body() dto: ReverseFundingDto, @CurrentActor() actor: Actor): Promise<FundingResponse> {
    return this.fundings.reverseFunding(id, dto, actor);
  }
}
