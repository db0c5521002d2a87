import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { CreatePlacementDto, MatchResponse, MatchesQuery, PlacementResponse, ReleasePlacementDto } from './dto/placement.dto.js';
import { PlacementsService } from './placements.service.js';

/** The project routes of this module: placing a landed project into units, and matching units to it. */
@ApiTags('projects')
@Controller('projects')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Post(':id/placements')
  @ApiOperation({ summary: 'Place a landed (REGISTERED/OPERATING) project into a unit: it becomes LEASED to the project’s company' })
  @Permission('project.update')
  @ApiCreatedResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409)
  place(@Param('id', IdPipe) id: string, @Body() dto: CreatePlacementDto, @CurrentActor() actor: Actor): Promise<PlacementResponse> {
    return this.placements.place(id, dto, actor);
  }

  @Get(':id/placements')
  @ApiOperation({ summary: 'The project’s placements, active and released, newest first' })
  @Permission('project.read')
  @ApiPage(PlacementResponse)
  @ApiErrors(400, 404)
  list(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<PlacementResponse>> {
    return this.placements.list(id, page.limit, page.cursor);
  }

  @Post(':id/placements/:placementId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'The project leaves the unit: the placement ends and the unit is VACANT again' })
  @Permission('project.update')
  @ApiOkResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409)
  release(
    @Param('id', IdPipe) id: string,
    @Param('placementId', IdPipe) placementId: string,
    @Body() dto: ReleasePlacementDto,
    @CurrentActor() actor: Actor,
  ): Promise<PlacementResponse> {
    return this.placements.release(id, placementId, dto, actor);
  }

  @Get(':id/matches')
  @ApiOperation({ summary: 'Vacant and soon-available units ranked for the project, with a score (0–100) and the reasons in words' })
  @Permission('project.read')
  @ApiOkResponse({ type: MatchResponse, isArray: true, description: 'best first' })
  @ApiErrors(400, 404)
  matches(@Param('id', IdPipe) id: string, @Query() query: MatchesQuery): Promise<MatchResponse[]> {
    return this.placements.matches(id, query);
  }
}
