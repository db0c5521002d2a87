import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { Permission } from '../auth/permissions.js';
import { SnapshotsResult, TakeSnapshotsDto, VacancySummary, VacancySummaryQuery } from './dto/vacancy.dto.js';
import { VacancyService } from './vacancy.service.js';

@ApiTags('buildings')
@Controller('vacancy')
export class VacancyController {
  constructor(private readonly vacancy: VacancyService) {}

  @Get('summary')
  @ApiOperation({ summary: 'Vacancy now: per building, per zone and district totals (areas m², rate a fraction)' })
  @Permission('building.read')
  @ApiOkResponse({ type: VacancySummary })
  @ApiErrors(400)
  summary(@Query() query: VacancySummaryQuery): Promise<VacancySummary> {
    return this.vacancy.summary(query);
  }

  @Post('snapshots')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take (or retake) the month-end snapshots of a month, or back-fill from `from` through `month` (ADMIN)' })
  @Permission('vacancy.snapshot')
  @ApiOkResponse({ type: SnapshotsResult })
  @ApiErrors(400)
  snapshots(@Body() dto: TakeSnapshotsDto, @CurrentActor() actor: Actor): Promise<SnapshotsResult> {
    return this.vacancy.takeSnapshots(dto, actor);
  }
}
