import { Body, Controller, Get, Param, Patch, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { ApiFileResponse, CSV_TYPE, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
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
  @ApiPage(LeaseExpiringItem)
  @ApiErrors(400)
  leaseExpiring(@Query() query: LeaseExpiringQuery, @CurrentActor() actor: Actor): Promise<Page<LeaseExpiringItem>> {
    return this.units.leaseExpiring(query, actor);
  }

  @Get('export.xlsx')
  @Permission('building.read')
  @ApiFileResponse(XLSX_TYPE, 'the workbook')
  @ApiOperation({ summary: 'Units of one building, a status or a zone as an Excel workbook (Chinese headers, rent in 元/㎡·天), streamed' })
  @ApiErrors(400)
  async exportXlsx(@Query() query: ExportUnitsQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', this.units.exportTable(query, actor));
  }

  @Get('export.csv')
  @Permission('building.read')
  @ApiFileResponse(CSV_TYPE, 'the CSV file')
  @ApiOperation({ summary: 'Units of one building, a status or a zone as UTF-8 CSV with BOM (Chinese headers), streamed' })
  @ApiErrors(400)
  async exportCsv(@Query() query: ExportUnitsQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', this.units.exportTable(query, actor));
  }

  @Get(':id')
  @Permission('building.read')
  @ApiOkResponse({ type: UnitResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.get(id, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a unit; send the version you read (409 when stale); a manager of another building: 403' })
  @Permission('unit.update')
  @ApiOkResponse({ type: UnitResponse })
  @ApiErrors(400, 404, 409)
  update(@Param('id', IdPipe) id: string, @Body() dto: UpdateUnitDto, @CurrentActor() actor: Actor): Promise<UnitResponse> {
    return this.units.update(id, dto, actor);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'Every status (and tenant) change of the unit with who and when, oldest first; placements (入驻/迁出) name their project only to roles that may read projects',
  })
  @Permission('building.read')
  @ApiPage(UnitHistoryResponse)
  @ApiErrors(400, 404)
  history(@Param('id', IdPipe) id: string, @Query() page: PageQuery, @CurrentActor() actor: Actor): Promise<Page<UnitHistoryResponse>> {
    return this.units.history(id, page, actor);
  }
}
