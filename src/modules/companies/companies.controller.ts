import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiErrors } from '../../common/errors/error-response.js';
import { ApiPage } from '../../common/pagination/api-page.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { Permission } from '../auth/permissions.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { Page } from '../../common/pagination/cursor.js';
import { ApiFileResponse, CSV_TYPE, sendTable, XLSX_TYPE } from '../data-exchange/sheet/table-writer.js';
import { CompaniesService } from './companies.service.js';
import { CompanyDuplicatesService } from './company-duplicates.service.js';
import { CompanyMergesService } from './company-merges.service.js';
import { DuplicateGroup, DuplicatesQuery, MergeCompanyDto, MergeResponse, SimilarCompaniesQuery, SimilarCompany } from './dto/company-duplicates.dto.js';
import { CompanyResponse, CreateCompanyDto, CreatedCompanyResponse, ExportCompaniesQuery, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto.js';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly duplicates: CompanyDuplicatesService,
    private readonly merges: CompanyMergesService,
  ) {}

  @Post()
  @Permission('company.create')
  @ApiOperation({ summary: 'Record a company; a USCC is checked (GB 32100-2015) and must be unique; likely duplicates come back in `warnings`' })
  @ApiCreatedResponse({ type: CreatedCompanyResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateCompanyDto, @CurrentActor() actor: Actor): Promise<CreatedCompanyResponse> {
    return this.companies.create(dto, actor);
  }

  @Get()
  @Permission('company.read')
  @ApiOperation({ summary: 'List companies, newest first, keyset-paginated' })
  @ApiPage(CompanyResponse)
  @ApiErrors(400)
  list(@Query() query: ListCompaniesQuery): Promise<Page<CompanyResponse>> {
    return this.companies.list(query);
  }

  // The fixed paths below are declared before ':id', so they are not taken for an id.
  @Get('export.xlsx')
  @Permission('company.read')
  @ApiFileResponse(XLSX_TYPE, 'the workbook')
  @ApiOperation({ summary: 'The list with its filters as an Excel workbook (Chinese headers), streamed' })
  @ApiErrors(400)
  async exportXlsx(@Query() query: ExportCompaniesQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'xlsx', await this.companies.exportTable(query));
  }

  @Get('export.csv')
  @Permission('company.read')
  @ApiFileResponse(CSV_TYPE, 'the CSV file')
  @ApiOperation({ summary: 'The list with its filters as UTF-8 CSV with BOM (Chinese headers), streamed' })
  @ApiErrors(400)
  async exportCsv(@Query() query: ExportCompaniesQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendTable(res, 'csv', await this.companies.exportTable(query));
  }

  @Get('duplicates')
  @Permission('company.read')
  @ApiOperation({ summary: 'Groups of live companies that are probably one: the same name without region and legal form, or similar names' })
  @ApiPage(DuplicateGroup)
  @ApiErrors(400)
  duplicatesReport(@Query() query: DuplicatesQuery): Promise<Page<DuplicateGroup>> {
    return this.duplicates.report(query);
  }

  @Get('similar')
  @Permission('company.read')
  @ApiOperation({
    summary: 'Live companies whose name is likely the same as the one typed (region, brackets and legal form aside), at most 5, best first',
  })
  @ApiOkResponse({ type: SimilarCompany, isArray: true })
  @ApiErrors(400)
  similar(@Query() query: SimilarCompaniesQuery): Promise<SimilarCompany[]> {
    return this.duplicates.similarTo(query.name);
  }

  @Get('merges')
  @Permission('company.merge')
  @ApiOperation({ summary: 'The merge history, newest first, with both companies as they are now (ADMIN)' })
  @ApiPage(MergeResponse)
  @ApiErrors(400)
  mergeHistory(@Query() query: PageQuery): Promise<Page<MergeResponse>> {
    return this.merges.list(query);
  }

  @Post('merges/:mergeId/undo')
  @HttpCode(200)
  @Permission('company.merge')
  @ApiOperation({ summary: 'Undo a merge: moved records go back, filled fields are cleared, the merged company is live again (ADMIN)' })
  @ApiOkResponse({ type: MergeResponse })
  @ApiErrors(400, 404, 409)
  undoMerge(@Param('mergeId', IdPipe) mergeId: string, @CurrentActor() actor: Actor): Promise<MergeResponse> {
    return this.merges.undo(mergeId, actor);
  }

  @Get(':id')
  @Permission('company.read')
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors(400, 404)
  get(@Param('id', IdPipe) id: string): Promise<CompanyResponse> {
    return this.companies.get(id);
  }

  @Patch(':id')
  @Permission('company.update')
  @ApiOperation({ summary: 'Change a company; send the version you read (409 when stale)' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiErrors(400, 404, 409)
  update(
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateCompanyDto,
    @CurrentActor() actor: Actor,
  ): Promise<CompanyResponse> {
    return this.companies.update(id, dto, actor);
  }

  @Post(':id/merge')
  @Permission('company.merge')
  @ApiOperation({
    summary:
      'Merge this company into `intoId` (ADMIN): its leads, projects (with placements and fundings) and tenancies move, empty fields of the survivor are filled, this one is archived; recorded and undoable',
  })
  @ApiCreatedResponse({ type: MergeResponse })
  @ApiErrors(400, 404, 409)
  merge(@Param('id', IdPipe) id: string, @Body() dto: MergeCompanyDto, @CurrentActor() actor: Actor): Promise<MergeResponse> {
    return this.merges.merge(id, dto.intoId, actor);
  }
}
