import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { LeaseExpiringItem, LeaseExpiringQuery, UnitHistoryResponse, UnitResponse, UpdateUnitDto } from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

@ApiTags('buildings')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  // Declared before ':id' so the path is not taken for an id.
  @Get('lease-expiring')
  @ApiOperation({ summary: 'Leased units whose lease ends within ?withinDays= (default LEASE_EXPIRY_WINDOW_DAYS), soonest first' })
  @Permission('building.read')
  leaseExpiring(@Query() query: LeaseExpiringQuery): Promise<Page<LeaseExpiringItem>> {
    return this.units.leaseExpiring(query);
  }

  @Get(':id')
  @Permission('building.read')
  get(@Param('id', IdPipe) id: string): Promise<UnitResponse> {
    return this.units.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a unit; send the version you read (409 when stale); a manager of another building: 403' })
  @Permission('unit.update')
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateUnitDto, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.update(id, dto, actor);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every status (and tenant) change of the unit with who and when, oldest first' })
  @Permission('building.read')
  history(@Param('id', IdPipe) id: string, @Query() page: PageQuery): Promise<Page<UnitHistoryResponse>> {
    return this.units.history(id, page.limit, page.cursor);
  }
}
