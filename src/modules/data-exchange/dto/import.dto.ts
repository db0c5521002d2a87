import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { QueryBoolean } from '../../../common/validation/decorators.js';
import type { ImportJob } from '../import-job.entity.js';

export class ImportQuery {
  /** Validate every row and report what would happen, writing nothing. */
  @QueryBoolean()
  dryRun?: boolean;

  /** Run on a queue worker: answers 202 with a job to poll (GET /api/v1/imports/jobs/:id); for large files. */
  @QueryBoolean()
  background?: boolean;
}

export class UnitsImportQuery extends ImportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'every row belongs to this building (the 楼宇 column may then be left out)' })
  @IsOptional()
  @IsUUID('all')
  buildingId?: string;
}

/** One problem of one row: the row number as Excel shows it, the API field and the sheet's column. */
export interface ImportError {
  row: number;
  field: string;
  /** the header of the column in the uploaded sheet, when the field has one */
  column: string | null;
  message: string;
}

export interface ImportResult {
  kind: string;
  dryRun: boolean;
  format: 'xlsx' | 'csv';
  /** for CSV: utf8, gb18030 (GBK) or utf16le/utf16be */
  encoding: string | null;
  /** the row holding the headers (rows above it are titles) */
  headerRow: number;
  /** data rows read (blank rows are not counted) */
  total: number;
  created: number;
  updated: number;
  /** rows that matched a record that already says the same */
  unchanged: number;
  /** rows with at least one problem */
  failed: number;
  /** good rows not written because their batch held a bad row (a batch is all or nothing) */
  skipped: number;
  batchSize: number;
  errors: ImportError[];
  /** problems beyond the first IMPORT_MAX_ERRORS, not listed */
  errorsOmitted: number;
  /** headers of the sheet that no column of this kind has (ignored) */
  ignoredColumns: string[];
}

/** A background import and its progress; `result` is the import's report once DONE. */
export interface ImportJobResponse {
  id: string;
  kind: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  dryRun: boolean;
  buildingId: string | null;
  fileName: string;
  fileSize: number;
  actorId: string;
  /** data rows read so far */
  rowsRead: number;
  result: ImportResult | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  version: number;
}

export function toImportJobResponse(j: ImportJob): ImportJobResponse {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    dryRun: j.dryRun,
    buildingId: j.buildingId,
    fileName: j.fileName,
    fileSize: j.fileSize,
    actorId: j.actorId,
    rowsRead: j.rowsRead,
    result: j.result,
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    version: j.version,
  };
}
