import { Body, Controller, Get, Param, Patch, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { CSV_TYPE, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { ExportUnitsQuery, LeaseExpiringItem, LeaseExpiringQuery, UnitHistoryResponse, UnitResponse, UpdateUnitDto } from './dto/unit.dto.js';
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

  @Get('export.xlsx')
  @Permission('building.read')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'Units of one building, a status or a zone as an Excel workbook (Chinese headers, rent in 元/㎡·天), streamed' })
  async exportXlsx(@Query() query: ExportUnitsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', this.units.exportTable(query));
  }

  @Get('export.csv')
  @Permission('building.read')
  @ApiProduces(CSV_TYPE)
  @ApiOperation({ summary: 'Units of one building, a status or a zone as UTF-8 CSV with BOM (Chinese headers), streamed' })
  async exportCsv(@Query() query: ExportUnitsQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', this.units.exportTable(query));
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
