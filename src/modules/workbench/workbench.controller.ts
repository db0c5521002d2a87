import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Permission } from '../auth/permissions.js';
import { WorkbenchSummaryResponse } from './dto/workbench.dto.js';
import { WorkbenchService } from './workbench.service.js';

@ApiTags('workbench')
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('summary')
  // The workbench is the page of those who run projects: the roles that may create them (officers, admins).
  @Permission('project.create')
  @ApiOperation({ summary: 'My figures this year and what needs doing today (工作台), for officers and admins' })
  @ApiOkResponse({ type: WorkbenchSummaryResponse })
  summary(@CurrentActor() actor: Actor): Promise<WorkbenchSummaryResponse> {
    return this.workbench.summary(actor);
  }
}
