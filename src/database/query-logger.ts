import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger, LoggerOptions } from 'typeorm';

/** Longest SQL text kept in one log line. */
const MAX_QUERY_CHARS = 1000;
const MAX_MESSAGE_CHARS = 300;

/**
 * Values some drivers quote inside their messages (PostgreSQL: `invalid input syntax for type uuid: "…"`,
 * `value "…" is out of range`), cut out: a message names the constraint and the column, never the datum.
 */
export function redactDriverMessage(message: string): string {
  return message
    .replace(/(:\s*)"(?:[^"\\]|\\.)*"/g, '$1"(value hidden)"')
    .replace(/\bvalue "(?:[^"\\]|\\.)*"/g, 'value "(value hidden)"')
    .replace(/\s+/g, ' ')
    .slice(0, MAX_MESSAGE_CHARS);
}

/**
 * TypeORM's logging through the app's logger (one JSON object per line in production), without
 * query parameters: TypeORM's own console logger printed them, and a unique violation on `users`
 * put a password hash, names and phone numbers into the log. The SQL text (placeholders only) and
 * the driver's error code and message stay, which is what a failed query is diagnosed from.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  constructor(private readonly levels: LoggerOptions = ['error', 'warn']) {}

  private wants(level: 'query' | 'error' | 'warn' | 'info' | 'log' | 'schema' | 'migration'): boolean {
    if (this.levels === 'all' || this.levels === true) return true;
    return Array.isArray(this.levels) && (this.levels as string[]).includes(level);
  }

  logQuery(query: string): void {
    if (this.wants('query')) this.logger.debug({ event: 'query', query: query.slice(0, MAX_QUERY_CHARS) });
  }

  logQueryError(error: string | Error, query?: string): void {
    if (!this.wants('error')) return;
    const driverError = typeof error === 'object' ? (error as Error & { code?: unknown }) : undefined;
    this.logger.error({
      event: 'query failed',
      query: (query ?? '').slice(0, MAX_QUERY_CHARS),
      ...(driverError && typeof driverError.code === 'string' && { code: driverError.code }),
      message: redactDriverMessage(typeof error === 'string' ? error : error.message),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ event: 'slow query', ms: time, query: query.slice(0, MAX_QUERY_CHARS) });
  }

  logSchemaBuild(message: string): void {
    if (this.wants('schema')) this.logger.log({ event: 'schema', message });
  }

  logMigration(message: string): void {
    if (this.wants('migration')) this.logger.log({ event: 'migration', message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.wants(level)) return;
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (level === 'warn') this.logger.warn({ event: 'typeorm', message: text.slice(0, MAX_MESSAGE_CHARS) });
    else this.logger.log({ event: 'typeorm', message: text.slice(0, MAX_MESSAGE_CHARS) });
  }
}
