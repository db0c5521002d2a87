import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor.js';
import { ApiErrors } from '../../common/errors/error-response.js';
import { IdPipe } from '../../common/validation/id.pipe.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Permission } from '../auth/permissions.js';
import { ImportJobResponse, ImportQuery, ImportResult, UnitsImportQuery } from './dto/import.dto.js';
import { ImportJobsService } from './import-jobs.service.js';
import { IMPORT_KINDS, ImportKind } from './importers/importer.js';
import { ImportsService, UploadedSheet } from './imports.service.js';
import { ApiFileResponse, XLSX_TYPE } from './sheet/table-writer.js';
import { TemplatesService } from './templates.service.js';

const FILE_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: '.xlsx (first worksheet) or .csv (UTF-8 or GBK/GB18030, with or without BOM)' } },
  },
};
const REPORT =
  'Returns { total, created, updated, unchanged, failed, skipped, errors: [{ row, field, column, message }] }. ?dryRun=true writes nothing. ' +
  'Rows are written in batches of IMPORT_BATCH_SIZE, each all or nothing; re-importing a sheet updates instead of duplicating. ' +
  '?background=true answers 202 with a job to poll at GET /api/v1/imports/jobs/:id (large files).';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly jobs: ImportJobsService,
    private readonly templates: TemplatesService,
  ) {}

  /** Runs the import now (200 with the report), or with ?background=true queues it (202 with the job). */
  private start(kind: ImportKind, file: UploadedSheet | undefined, query: UnitsImportQuery, actor: Actor, res: Response): Promise<ImportResult | ImportJobResponse> {
    const { background, ...options } = query;
    if (!background) return this.imports.runLimited(kind, file, options, actor);
    res.status(202);
    return this.jobs.enqueue(kind, file, options, actor);
  }

  @Post('companies')
  @HttpCode(200)
  @Permission('company.create')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: `Import companies (企业); natural key: USCC, else the exact name. ${REPORT}` })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOkResponse({ type: ImportResult, description: 'the report (without ?background=true)' })
  @ApiAcceptedResponse({ type: ImportJobResponse, description: 'with ?background=true: the queued job, to poll' })
  @ApiErrors(400, 409, 413, 429)
  companies(
    @UploadedFile() file: UploadedSheet | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportResult | ImportJobResponse> {
    return this.start('companies', file, query, actor, res);
  }

  @Post('leads')
  @HttpCode(200)
  @Permission('lead.create')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: `Import leads (线索), owned by the importer; natural key: the company name. ${REPORT}` })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOkResponse({ type: ImportResult, description: 'the report (without ?background=true)' })
  @ApiAcceptedResponse({ type: ImportJobResponse, description: 'with ?background=true: the queued job, to poll' })
  @ApiErrors(400, 409, 413, 429)
  leads(
    @UploadedFile() file: UploadedSheet | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportResult | ImportJobResponse> {
    return this.start('leads', file, query, actor, res);
  }

  @Post('projects')
  @HttpCode(200)
  @Permission('project.create')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: `Import projects (招商项目) of existing companies; natural key: company + project name. ${REPORT}` })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOkResponse({ type: ImportResult, description: 'the report (without ?background=true)' })
  @ApiAcceptedResponse({ type: ImportJobResponse, description: 'with ?background=true: the queued job, to poll' })
  @ApiErrors(400, 409, 413, 429)
  projects(
    @UploadedFile() file: UploadedSheet | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportResult | ImportJobResponse> {
    return this.start('projects', file, query, actor, res);
  }

  @Post('units')
  @HttpCode(200)
  @Permission('unit.create')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: `Import units (楼宇单元) of the buildings you manage; natural key: building + unit code. ${REPORT}` })
  @UseInterceptors(FileInterceptor('file'))
  @ApiOkResponse({ type: ImportResult, description: 'the report (without ?background=true)' })
  @ApiAcceptedResponse({ type: ImportJobResponse, description: 'with ?background=true: the queued job, to poll' })
  @ApiErrors(400, 409, 413, 429)
  units(
    @UploadedFile() file: UploadedSheet | undefined,
    @Query() query: UnitsImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportResult | ImportJobResponse> {
    return this.start('units', file, query, actor, res);
  }

  @Get('jobs/:id')
  @Permission('import.read')
  @ApiOperation({ summary: 'A background import: status (QUEUED, RUNNING, DONE, FAILED), rows read so far, and the report once DONE' })
  @ApiOkResponse({ type: ImportJobResponse })
  @ApiErrors(400, 404)
  job(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<ImportJobResponse> {
    return this.jobs.get(id, actor);
  }

  @Get('templates/:kind.xlsx')
  @Permission('reference.read')
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS, enumName: 'ImportKind' })
  @ApiFileResponse(XLSX_TYPE, 'the template workbook')
  @ApiOperation({ summary: 'The import template of a kind: Chinese headers, drop-downs and the allowed values of enum columns' })
  @ApiErrors(400)
  async template(@Param('kind') kind: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw DomainError.invalid('kind', `kind must be one of ${IMPORT_KINDS.join(', ')}`, 'isIn');
    }
    const title = this.imports.importer(kind as ImportKind).title;
    const buffer = await this.templates.workbook(kind as ImportKind);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}导入模板.xlsx`)}`);
    return new StreamableFile(buffer);
  }
}
