import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { BuildingsService } from './buildings.service.js';
import { BuildingResponse, CreateBuildingDto, ListBuildingsQuery, UpdateBuildingDto } from './dto/building.dto.js';
import { CreateUnitDto, ListUnitsQuery, StackingPlan, UnitResponse, VacancySheetDto, VacancySheetResult } from './dto/unit.dto.js';
import { VacancyHistoryQuery, VacancySnapshotResponse } from './dto/vacancy.dto.js';
import { UnitsService } from './units.service.js';
import { VacancyService } from './vacancy.service.js';

@ApiTags('buildings')
@Controller('buildings')
export class BuildingsController {
  constructor(
    private readonly buildings: BuildingsService,
    private readonly units: UnitsService,
    private readonly vacancy: VacancyService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add an office building in a zone, with its specialty industries and managers (ADMIN)' })
  @Permission('building.create')
  @ApiCreatedResponse({ type: BuildingResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateBuildingDto, @CurrentActor() actor: Actor): Promise<BuildingResponse> {
    return this.buildings.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List buildings with their vacancy figures, by name, keyset-paginated' })
  @Permission('building.read')
  @ApiPage(BuildingResponse)
  @ApiErrors(400)
  list(@Query() query: ListBuildingsQuery, @CurrentActor() actor: Actor): Promise<Page<BuildingResponse>> {
    return this.buildings.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A building with stats: unitCount, leasableArea, vacantArea, vacancyRate, tenantCount…' })
  @Permission('building.read')
  @ApiOkResponse({ type: BuildingResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string): Promise<BuildingResponse> {
    return this.buildings.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a building or its managers (ADMIN); send the version you read' })
  @Permission('building.update')
  @ApiOkResponse({ type: BuildingResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateBuildingDto, @CurrentActor() actor: Actor): Promise<BuildingResponse> {
    return this.buildings.update(id, dto, actor);
  }

  @Post(':id/units')
  @ApiOperation({ summary: 'Add a unit (code unique in the building: 409 when taken); ADMIN or the building’s manager' })
  @Permission('unit.create')
  @ApiCreatedResponse({ type: UnitResponse })
  @ApiErrors(400, 404, 409)
  createUnit(@Param('id', IdPipe) id: string, @Body() dto: CreateUnitDto, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.create(id, dto, actor);
  }

  @Get(':id/units')
  @ApiOperation({ summary: 'The building’s units in code order, optionally of one status' })
  @Permission('building.read')
  @ApiPage(UnitResponse)
  @ApiErrors(400, 404)
  listUnits(@Param('id', IdPipe) id: string, @Query() query: ListUnitsQuery, @CurrentActor() actor: Actor): Promise<Page<UnitResponse>> {
    return this.units.list(id, query, actor);
  }

  @Put(':id/vacancy')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The monthly vacancy sheet: many units by code, all rows applied or none (400 with one detail per bad row; 409 on a stale version)',
  })
  @Permission('unit.update')
  @ApiOkResponse({ type: VacancySheetResult })
  @ApiErrors(400, 404, 409)
  vacancySheet(@Param('id', IdPipe) id: string, @Body() dto: VacancySheetDto, @CurrentActor() actor: Actor): Promise<VacancySheetResult> {
    return this.units.applySheet(id, dto, actor);
  }

  @Get(':id/stacking-plan')
  @ApiOperation({ summary: '房态图: floors top down with their units, statuses and tenants' })
  @Permission('building.read')
  @ApiOkResponse({ type: StackingPlan })
  @ApiErrors(400, 404)
  stackingPlan(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<StackingPlan> {
    return this.units.stackingPlan(id, actor);
  }

  @Get(':id/vacancy-history')
  @ApiOperation({ summary: 'Month-end vacancy snapshots of the building, newest month first' })
  @Permission('building.read')
  @ApiPage(VacancySnapshotResponse)
  @ApiErrors(400, 404)
  vacancyHistory(@Param('id', IdPipe) id: string, @Query() query: VacancyHistoryQuery): Promise<Page<VacancySnapshotResponse>> {
    return this.vacancy.history(id, query);
  }
}
