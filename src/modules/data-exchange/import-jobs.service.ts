import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue, WorkerOptions } from 'bullmq';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import type { Env } from '../../config/env.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { DEFAULT_JOB_OPTIONS } from '../../queue/queue.constants.js';
import { RedisConnections } from '../../queue/redis-connections.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { User } from '../users/user.entity.js';
import { ImportJobResponse, toImportJobResponse } from './dto/import.dto.js';
import { ImportJob } from './import-job.entity.js';
import { ImportKind, ImportOptions } from './importers/importer.js';
import { ImportsService, UploadedSheet } from './imports.service.js';

/** The queue of background imports: one job per import, id `import-<id>`, data the import's id only. */
export const IMPORTS_QUEUE = 'imports';
export const IMPORT_JOB = 'import';
export interface ImportJobData {
  importJobId: string;
}
/** Worker options of the imports queue; the worker connection and lock are filled in at start (see onModuleInit). */
export const IMPORT_WORKER_OPTIONS: Partial<WorkerOptions> = { concurrency: 1 };

/**
 * Background imports (后台导入): the upload is kept in IMPORT_DIR, a job row records the import and
 * its progress, and a BullMQ job runs it on a worker exactly like a direct import. The client polls
 * GET /api/v1/imports/jobs/:id. A job runs once: a failure is reported, not retried.
 */
@Injectable()
export class ImportJobsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectRepository(ImportJob) private readonly jobs: Repository<ImportJob>,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue<ImportJobData>,
    private readonly imports: ImportsService,
    private readonly redis: RedisConnections,
    private readonly config: ConfigService<Env, true>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** The queue is this module's own (see DataExchangeModule); it closes before the Redis connections do. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  /** Before the workers are registered (application bootstrap): the same worker connection and lock as the other queues. */
  onModuleInit(): void {
    if (this.config.get('WORKERS', { infer: true }) !== 'true') return;
    Object.assign(IMPORT_WORKER_OPTIONS, {
      connection: this.redis.worker,
      lockDuration: this.config.get('QUEUE_LOCK_MS', { infer: true }),
      stalledInterval: this.config.get('QUEUE_STALLED_MS', { infer: true }),
    });
  }

  /** Keeps the upload and queues its import; 409 while the queue (Redis) is unavailable. */
  async enqueue(kind: ImportKind, file: UploadedSheet | undefined, options: ImportOptions & { dryRun?: boolean }, actor: Actor): Promise<ImportJobResponse> {
    try {
      // The same upfront checks as a direct import: the role, the building.
      await this.imports.importer(kind).begin(actor, options);
      if (!file) throw DomainError.invalid('file', 'attach the .xlsx or .csv file as the multipart field "file"', 'required');
      if (!this.redis.ready) {
        throw DomainError.conflict('QUEUE_UNAVAILABLE', 'Background imports need the queue (Redis), which is unavailable now; import without background=true');
      }
      const id = newId();
      const dir = resolve(this.config.get('IMPORT_DIR', { infer: true }));
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${id}${extname(file.originalname).toLowerCase().replace(/[^.a-z]/g, '')}`);
      await rename(file.path, path).catch(async () => {
        await copyFile(file.path, path);
      });
      await this.tx.run(async (em) => {
        await em.getRepository(ImportJob).insert({
          id,
          kind,
          status: 'QUEUED',
          dryRun: Boolean(options.dryRun),
          buildingId: options.buildingId ?? null,
          fileName: file.originalname.slice(0, 255),
          filePath: path,
          fileSize: file.size,
          actorId: actor.id,
          rowsRead: 0,
          result: null,
          error: null,
          startedAt: null,
          finishedAt: null,
        });
        const after = toImportJobResponse(await em.getRepository(ImportJob).findOneByOrFail({ id }));
        await this.audit.record(em, { actor, action: 'import.queue', entity: 'ImportJob', entityId: id, before: null, after });
      });
      await this.queue.add(IMPORT_JOB, { importJobId: id }, { ...DEFAULT_JOB_OPTIONS, jobId: `import-${id}`, attempts: 1 }).catch(async (e: Error) => {
        await this.finish(id, 'FAILED', null, `could not queue the import: ${e.message}`);
      });
      return this.get(id, actor);
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  async get(id: string, actor: Actor): Promise<ImportJobResponse> {
    const job = await this.jobs.findOneBy({ id });
    if (!job) throw DomainError.notFound('ImportJob', id);
    assertCan(actor, 'import.read', () => job.actorId === actor.id);
    return toImportJobResponse(job);
  }

  /** The worker's part: runs a queued import once, recording progress and the report. */
  async run(id: string): Promise<void> {
    const job = await this.jobs.findOneBy({ id });
    if (!job || job.status !== 'QUEUED') return;
    await updateVersioned(this.jobs.manager, ImportJob, { id, version: job.version, label: 'ImportJob', set: { status: 'RUNNING', startedAt: new Date() } });
    try {
      const user = await this.jobs.manager.getRepository(User).findOneBy({ id: job.actorId });
      if (!user?.active) throw new DomainError(ErrorCode.FORBIDDEN, 'the user who queued the import is no longer active');
      const actor: Actor = { id: user.id, username: user.username, role: user.role };
      const result = await this.imports.run(
        job.kind as ImportKind,
        { path: job.filePath, originalname: job.fileName, size: job.fileSize },
        { dryRun: job.dryRun, buildingId: job.buildingId ?? undefined },
        actor,
        async (rowsRead) => {
          await this.jobs.update({ id }, { rowsRead });
        },
      );
      await this.finish(id, 'DONE', result, null);
    } catch (e) {
      const message = e instanceof DomainError ? [e.message, ...(e.details ?? []).map((d) => `${d.field}: ${d.message}`)].join('; ') : 'the import failed unexpectedly';
      if (!(e instanceof DomainError)) this.logger.error(`Import ${id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      await this.finish(id, 'FAILED', null, message.slice(0, 2000));
      await rm(job.filePath, { force: true });
    }
  }

  private async finish(id: string, status: 'DONE' | 'FAILED', result: ImportJob['result'], error: string | null): Promise<void> {
    await this.jobs.update({ id }, { status, result: result as never, error, finishedAt: new Date(), ...(result && { rowsRead: result.total }) });
  }
}
