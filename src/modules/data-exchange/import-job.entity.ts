import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import type { ImportResult } from './dto/import.dto.js';

export type ImportJobStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** 后台导入: a large import run by a queue worker; the client polls its progress and report. */
@Entity('import_jobs')
@Index('idx_import_jobs_actor', ['actorId', 'id'])
@Index('idx_import_jobs_status', ['status'])
export class ImportJob {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 16 }) status: ImportJobStatus;
  @Column({ name: 'dry_run', type: 'boolean' }) dryRun: boolean;
  @Column({ name: 'building_id', type: 'varchar', length: 36, nullable: true }) buildingId: string | null;
  /** The name the file had on the user's computer. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 }) fileName: string;
  /** Where the upload waits for the worker (IMPORT_DIR); removed once read. */
  @Column({ name: 'file_path', type: 'varchar', length: 500 }) filePath: string;
  @Column({ name: 'file_size', type: 'integer' }) fileSize: number;
  /** Who imports: the rows are theirs, checked with their role when the job runs. */
  @Column({ name: 'actor_id', type: 'varchar', length: 36 }) actorId: string;
  /** Data rows read so far (the progress). */
  @Column({ name: 'rows_read', type: 'integer' }) rowsRead: number;
  @Column({ type: JSON_TEXT, nullable: true }) result: ImportResult | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) error: string | null;
  @Column({ name: 'started_at', type: TIMESTAMP, nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: TIMESTAMP, nullable: true }) finishedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
