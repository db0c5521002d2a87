import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { rm } from 'node:fs/promises';
import { QueryFailedError } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode, FieldIssue } from '../../common/errors/domain-error.js';
import type { Env } from '../../config/env.js';
import { Transactions } from '../../database/transactions.js';
import { ImportError, ImportResult } from './dto/import.dto.js';
import { CompaniesImporter } from './importers/companies.importer.js';
import { ImportKind, ImportOptions, ImportRow, ImportSession, Importer, RowOutcome, RowRejected } from './importers/importer.js';
import { LeadsImporter } from './importers/leads.importer.js';
import { ProjectsImporter } from './importers/projects.importer.js';
import { UnitsImporter } from './importers/units.importer.js';
import { CellValue, isBlank } from './sheet/cells.js';
import { HeaderMatch, ImportColumn, matchHeader } from './sheet/headers.js';
import { ExpansionLimits } from './sheet/expansion-limits.js';
import { openSheet, SheetRow } from './sheet/sheet-reader.js';

/** An uploaded file as multer stored it on disk. */
export interface UploadedSheet {
  path: string;
  originalname: string;
  size: number;
}

/** The header row is looked for among this many first rows (titles may sit above it). */
const HEADER_SEARCH_ROWS = 10;

/** Thrown inside a batch's transaction to roll it back (dry runs, and batches with a bad row). */
class Rollback extends Error {}

/** Whether the error is a unique-key violation the service's own check did not catch (a race). */
function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const code = (e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Imports a sheet of one kind: finds the header row, reads the rows as they stream from the file,
 * and writes them in batches. Every row goes through the API's validation (the same DTO and pipe
 * options) and the services' own rules, inside one transaction per batch: a batch with a bad row
 * is rolled back whole, and every bad row is reported with its Excel row number, field and column.
 * A dry run does all of that and rolls back every batch.
 */
@Injectable()
export class ImportsService {
  private readonly importers: Record<ImportKind, Importer>;
  private readonly limits: ExpansionLimits;
  /** Direct imports running now, in all and per user (this process's; see runLimited). */
  private running = 0;
  private readonly runningByUser = new Map<string, number>();

  constructor(
    companies: CompaniesImporter,
    leads: LeadsImporter,
    projects: ProjectsImporter,
    units: UnitsImporter,
    private readonly tx: Transactions,
    private readonly config: ConfigService<Env, true>,
  ) {
    this.importers = { companies, leads, projects, units };
    const mb = 1024 * 1024;
    this.limits = {
      unzippedBytes: config.get('IMPORT_MAX_UNZIPPED_MB', { infer: true }) * mb,
      sharedStringsBytes: config.get('IMPORT_MAX_SHARED_STRINGS_MB', { infer: true }) * mb,
      cellChars: config.get('IMPORT_MAX_CELL_CHARS', { infer: true }),
      rowChars: config.get('IMPORT_MAX_ROW_CHARS', { infer: true }),
    };
  }

  /**
   * A direct import, when a slot is free: at most IMPORT_CONCURRENCY at once in this process and
   * IMPORT_CONCURRENCY_PER_USER per user; beyond, 429 with Retry-After (and the upload removed), so a
   * few large uploads cannot take the memory and time every other request needs. (Background imports
   * queue instead: their worker runs one at a time.)
   */
  async runLimited(kind: ImportKind, file: UploadedSheet | undefined, options: ImportOptions & { dryRun?: boolean }, actor: Actor): Promise<ImportResult> {
    const mine = this.runningByUser.get(actor.id) ?? 0;
    if (this.running >= this.config.get('IMPORT_CONCURRENCY', { infer: true }) || mine >= this.config.get('IMPORT_CONCURRENCY_PER_USER', { infer: true })) {
      if (file) await rm(file.path, { force: true });
      const whose = mine >= this.config.get('IMPORT_CONCURRENCY_PER_USER', { infer: true }) ? 'your earlier import is still running' : 'other imports are running';
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many imports at once (${whose}); try again shortly, or import with background=true`, undefined, { retryAfterSeconds: 10 });
    }
    this.running++;
    this.runningByUser.set(actor.id, mine + 1);
    try {
      return await this.run(kind, file, options, actor);
    } finally {
      this.running--;
      const left = (this.runningByUser.get(actor.id) ?? 1) - 1;
      if (left > 0) this.runningByUser.set(actor.id, left);
      else this.runningByUser.delete(actor.id);
    }
  }

  importer(kind: ImportKind): Importer {
    return this.importers[kind];
  }

  async run(
    kind: ImportKind,
    file: UploadedSheet | undefined,
    options: ImportOptions & { dryRun?: boolean },
    actor: Actor,
    onProgress?: (rowsRead: number) => Promise<void>,
  ): Promise<ImportResult> {
    try {
      const importer = this.importers[kind];
      const session = await importer.begin(actor, options);
      if (!file) throw DomainError.invalid('file', 'attach the .xlsx or .csv file as the multipart field "file"', 'required');
      const sheet = await openSheet(file.path, file.originalname, this.limits);
      const rows = sheet.rows[Symbol.asyncIterator]();
      try {
        const { header, headerRow } = await this.findHeader(rows, importer, options);
        const result: ImportResult = {
          kind,
          dryRun: Boolean(options.dryRun),
          format: sheet.format,
          encoding: sheet.encoding ?? null,
          headerRow,
          total: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          failed: 0,
          skipped: 0,
          batchSize: this.config.get('IMPORT_BATCH_SIZE', { infer: true }),
          errors: [],
          errorsOmitted: 0,
          ignoredColumns: [...header.unknown, ...header.repeated],
        };
        let batch: ImportRow[] = [];
        for (let r = await rows.next(); !r.done; r = await rows.next()) {
          const row = this.toImportRow(r.value, header);
          if (!row) continue;
          result.total++;
          batch.push(row);
          if (batch.length >= result.batchSize) {
            await this.runBatch(batch, importer, session, result, header);
            batch = [];
            await onProgress?.(result.total);
            // Other requests get their turn between batches.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        if (batch.length) await this.runBatch(batch, importer, session, result, header);
        if (result.total === 0) throw DomainError.invalid('file', `the sheet has headers (row ${headerRow}) but no data rows below them`, 'noRows');
        return result;
      } finally {
        await rows.return?.();
      }
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  private async findHeader(
    rows: AsyncIterator<SheetRow>,
    importer: Importer,
    options: ImportOptions,
  ): Promise<{ header: HeaderMatch; headerRow: number }> {
    let best: { header: HeaderMatch; row: number } | null = null;
    for (let seen = 0; seen < HEADER_SEARCH_ROWS; ) {
      const r = await rows.next();
      if (r.done) break;
      if (r.value.cells.every((c) => isBlank(c))) continue;
      seen++;
      const header = matchHeader(r.value.cells, importer.columns);
      const keys = new Set([...header.byIndex.values()].map((c) => c.key));
      const complete = importer.columns.every((c) => !c.required || keys.has(c.key) || (c.key === 'building' && options.buildingId));
      // Two known headers, or one when it is all the kind requires (a list of company names).
      if (keys.size >= 2 || (keys.size === 1 && complete)) {
        best = { header, row: r.value.row };
        break;
      }
    }
    if (!best) {
      const names = importer.columns.filter((c) => c.required).map((c) => c.header);
      throw DomainError.invalid(
        'file',
        `no header row found in the first ${HEADER_SEARCH_ROWS} rows of the first worksheet; a ${importer.title} sheet has columns such as ${names.join('、')} (download GET /api/v1/imports/templates/${importer.kind}.xlsx)`,
        'noHeader',
      );
    }
    const present = new Set([...best.header.byIndex.values()].map((c) => c.key));
    const missing = importer.columns.filter((c) => c.required && !present.has(c.key) && !(c.key === 'building' && options.buildingId));
    if (missing.length) {
      throw new DomainError(
        ErrorCode.VALIDATION,
        `the sheet lacks required column(s): ${missing.map((c) => c.header).join('、')}`,
        missing.map((c) => ({ field: c.field ?? c.key, code: 'requiredColumn', message: `column ${c.header} is required` })),
      );
    }
    return { header: best.header, headerRow: best.row };
  }

  /** A sheet row as an import row by column key; null for a blank row. */
  private toImportRow(row: SheetRow, header: HeaderMatch): ImportRow | null {
    const values = new Map<string, CellValue>();
    let any = false;
    for (const [i, column] of header.byIndex) {
      const v = row.cells[i] ?? null;
      values.set(column.key, v);
      if (!isBlank(v)) any = true;
    }
    return any ? new ImportRow(row.row, values, header.multipliers) : null;
  }

  /**
   * One batch in one transaction. Rows run one after another; a row refused while being read
   * (RowRejected) has written nothing, so the batch goes on. Any other failure may have left part of
   * its row behind (or, on PostgreSQL, aborted the transaction), so the batch is run again with a
   * savepoint per row, which keeps each refused row from affecting the rows after it.
   */
  private async runBatch(batch: ImportRow[], importer: Importer, session: ImportSession, result: ImportResult, header: HeaderMatch, careful = false): Promise<void> {
    const outcomes: RowOutcome[] = [];
    const failures: { row: ImportRow; issues: FieldIssue[] }[] = [];
    let retry = false;
    try {
      await this.tx.run(async (em) => {
        await session.prepare?.(em, batch);
        for (const row of batch) {
          try {
            outcomes.push(
              careful ? await em.transaction((sp) => session.importRow(sp, row, { defer: false })) : await session.importRow(em, row, { defer: true }),
            );
          } catch (e) {
            if (!careful && !(e instanceof RowRejected)) {
              retry = true;
              throw new Rollback();
            }
            failures.push({ row, issues: this.issuesOf(e, importer) });
          }
        }
        if (failures.length > 0) throw new Rollback();
        try {
          await session.flush?.(em);
        } catch (e) {
          // A refusal of the queued creates is not one row's: the batch is run again row by row.
          if (careful) throw e;
          retry = true;
          throw new Rollback();
        }
        if (result.dryRun) throw new Rollback();
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
    if (retry) {
      for (const row of batch) row.issues.length = 0;
      return this.runBatch(batch, importer, session, result, header, true);
    }
    if (failures.length > 0) {
      result.failed += failures.length;
      result.skipped += outcomes.length;
      for (const f of failures) this.addErrors(result, f.row, f.issues, header);
      return;
    }
    for (const o of outcomes) result[o]++;
  }

  /** The problems a refused row reports; anything that is not a refusal is a fault and fails the request. */
  private issuesOf(e: unknown, importer: Importer): FieldIssue[] {
    if (e instanceof RowRejected) return e.issues;
    if (e instanceof DomainError) {
      if (e.details?.length) return e.details.map((d) => ({ ...d, code: d.code ?? refusalCode(e) }));
      return [{ field: importer.keyField, code: refusalCode(e), message: e.message }];
    }
    if (isUniqueViolation(e)) {
      return [{ field: importer.keyField, code: 'duplicate', message: 'a record with the same unique key was written at the same time; import the row again' }];
    }
    throw e;
  }

  private addErrors(result: ImportResult, row: ImportRow, issues: FieldIssue[], header: HeaderMatch): void {
    const max = this.config.get('IMPORT_MAX_ERRORS', { infer: true });
    for (const issue of issues) {
      if (result.errors.length >= max) {
        result.errorsOmitted++;
        continue;
      }
      // Of the columns that fill the field (企业统一社会信用代码 or 企业名称 → companyId), the one the row filled in.
      const candidates = columnsOf(issue.field, header);
      const column = candidates.find((c) => row.textOf(c.key) !== null) ?? candidates[0] ?? null;
      const error: ImportError = {
        row: row.row,
        field: issue.field,
        column: column ? (header.texts.get(column.key) ?? column.header) : null,
        code: issue.code ?? 'invalid',
        value: column ? row.textOf(column.key) : null,
        message: issue.message,
      };
      result.errors.push(error);
    }
  }
}

/**
 * The code of a row refused by a service rather than a cell: the rule of a 409 in lowerCamel
 * (LEAD_CLOSED → leadClosed), else what kind of refusal it was.
 */
function refusalCode(e: DomainError): string {
  if (e.rule) return e.rule.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  switch (e.code) {
    case ErrorCode.FORBIDDEN:
      return 'forbidden';
    case ErrorCode.NOT_FOUND:
      return 'notFound';
    case ErrorCode.STALE_VERSION:
      return 'staleVersion';
    case ErrorCode.DUPLICATE:
      return 'duplicate';
    default:
      return 'invalid';
  }
}

/** The sheet's columns of an API field: exact, else those of a parent or child field (segments.0 → segments). */
function columnsOf(field: string, header: HeaderMatch): ImportColumn[] {
  const columns = [...header.byIndex.values()];
  const named = (c: ImportColumn): string => c.field ?? c.key;
  for (const match of [(c: ImportColumn) => named(c) === field, (c: ImportColumn) => field.startsWith(`${named(c)}.`), (c: ImportColumn) => named(c).startsWith(`${field}.`)]) {
    const hits = columns.filter(match);
    if (hits.length) return hits;
  }
  return [];
}
