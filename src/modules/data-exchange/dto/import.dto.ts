import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { QueryBoolean } from '../../../common/validation/decorators.js';
import type { ImportJob, ImportJobStatus } from '../import-job.entity.js';
import { IMPORT_KINDS } from '../importers/importer.js';

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

/** One problem of one row: the row number as Excel shows it, the API field, the sheet's column, what is wrong and the cell's text. */
export class ImportError {
  @ApiProperty({ type: 'integer', description: 'the row number as Excel shows it' }) row: number;
  @ApiProperty({ type: String, description: 'the API field' }) field: string;
  @ApiProperty({ type: String, nullable: true, description: 'the header of the column in the uploaded sheet, when the field has one' }) column: string | null;
  @ApiProperty({
    type: String,
    example: 'isUscc',
    description:
      'the problem, a stable lowerCamel code for the page to say in Chinese: required, notInList, invalidDate, invalidNumber, invalidBoolean, invalidId, cellError, tooLong, tooSmall, tooLarge, tooMany, notUnique, isUscc, isChinesePhone, isEmail, duplicateInFile, notFound, ambiguous, archived, notInBuilding, duplicate, forbidden, staleVersion, a service’s field code (unknownIndustry, segmentNotInIndustry, areaRange, notAfterToday…) or a refusing rule in lowerCamel (registeredNeedsUscc…)',
  })
  code: string;
  @ApiProperty({ type: String, nullable: true, description: 'the cell’s text (at most 100 characters), or null when the cell is blank or the problem has no cell' }) value: string | null;
  @ApiProperty({ type: String, description: 'English, for programmers' }) message: string;
}

/** The report of an import (or of a dry run). */
export class ImportResult {
  @ApiProperty({ enum: IMPORT_KINDS, enumName: 'ImportKind' }) kind: string;
  @ApiProperty({ type: Boolean }) dryRun: boolean;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format: 'xlsx' | 'csv';
  @ApiProperty({ type: String, nullable: true, description: 'for CSV: utf8, gb18030 (GBK) or utf16le/utf16be' }) encoding: string | null;
  @ApiProperty({ type: 'integer', description: 'the row holding the headers (rows above it are titles)' }) headerRow: number;
  @ApiProperty({ type: 'integer', description: 'data rows read (blank rows are not counted)' }) total: number;
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer', description: 'rows that matched a record that already says the same' }) unchanged: number;
  @ApiProperty({ type: 'integer', description: 'rows with at least one problem' }) failed: number;
  @ApiProperty({ type: 'integer', description: 'good rows not written because their batch held a bad row (a batch is all or nothing)' }) skipped: number;
  @ApiProperty({ type: 'integer' }) batchSize: number;
  @ApiProperty({ type: () => ImportError, isArray: true }) errors: ImportError[];
  @ApiProperty({ type: 'integer', description: 'problems beyond the first IMPORT_MAX_ERRORS, not listed' }) errorsOmitted: number;
  @ApiProperty({ type: [String], description: 'headers of the sheet that no column of this kind has (ignored)' }) ignoredColumns: string[];
}

/** A background import and its progress; `result` is the import's report once DONE. */
export class ImportJobResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS, enumName: 'ImportKind' }) kind: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'], enumName: 'ImportJobStatus' }) status: ImportJobStatus;
  @ApiProperty({ type: Boolean }) dryRun: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) buildingId: string | null;
  @ApiProperty({ type: String }) fileName: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) fileSize: number;
  @ApiProperty({ type: String, format: 'uuid' }) actorId: string;
  @ApiProperty({ type: 'integer', description: 'data rows read so far' }) rowsRead: number;
  @ApiProperty({ type: () => ImportResult, nullable: true }) result: ImportResult | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: 'integer' }) version: number;
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
    // Reports stored before errors carried a code and the cell's text read as such (code `invalid`, no value).
    result: j.result && { ...j.result, errors: j.result.errors.map((e) => ({ ...e, code: e.code ?? 'invalid', value: e.value ?? null })) },
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    version: j.version,
  };
}
