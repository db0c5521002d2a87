import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { databaseFaultCode, databaseFaultOf, type DatabaseFault } from './database-faults.js';
import { DomainError, ErrorCode, FieldIssue } from './domain-error.js';
import { codeOfStatus, reasonPhrase, statusOf } from './http-status.js';

/**
 * The one error body of the contract: `{ statusCode, error, code, rule?, message, details? }`.
 * `code` (always present) and `rule` (409s) are stable, so a page can say them in Chinese;
 * `message` is English for programmers.
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  rule?: string;
  message: string;
  details?: FieldIssue[];
  /** Not sent: becomes the Retry-After header. */
  retryAfterSeconds?: number;
}

/** Errors raised by body-parser before Nest sees the request carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && 'type' in e && typeof (e as BodyParserError).type === 'string' && 'status' in e;
}

/** Unique-constraint violations that slipped past a service's own check still answer 409. */
function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError = (e as QueryFailedError & { driverError?: { code?: string } }).driverError;
  const code = driverError?.code ?? '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** What a client is told of a database fault (database-faults.ts): 503, never a 500 or a 2xx. */
const FAULT_MESSAGES: Record<DatabaseFault, string> = {
  storage: 'The database cannot save changes now (disk full, read-only or failing storage); nothing was saved. Try again later',
  lock: 'The database was busy (a lock was held longer than DB_LOCK_TIMEOUT_MS); nothing was saved. Try again shortly',
  lost: 'The database ended the transaction after an error; nothing was saved. Try again later',
};
const FAULT_RETRY_SECONDS: Record<DatabaseFault, number> = { storage: 30, lock: 2, lost: 30 };

function bodyOf(code: ErrorCode, message: string, extra: Partial<ErrorBody> = {}): ErrorBody {
  const statusCode = statusOf(code);
  return { statusCode, error: reasonPhrase(statusCode), code, message, ...extra };
}

export function toErrorBody(thrown: unknown): ErrorBody {
  // Nest's Express adapter wraps body-parser's errors in an HttpException; their `type` says more.
  const exception = thrown instanceof HttpException && isBodyParserError(thrown.cause) ? thrown.cause : thrown;
  if (exception instanceof DomainError) {
    return bodyOf(exception.code, exception.message, {
      ...(exception.rule ? { rule: exception.rule } : {}),
      ...(exception.details ? { details: exception.details } : {}),
      ...(exception.retryAfterSeconds !== undefined ? { retryAfterSeconds: exception.retryAfterSeconds } : {}),
    });
  }
  if (exception instanceof HttpException) {
    // Raised by Nest or a library, not by our code: an unknown route (404), multer's limits (413)…
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body: ErrorBody = { statusCode, error: reasonPhrase(statusCode), code: codeOfStatus(statusCode), message: exception.message };
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown; details?: FieldIssue[] };
      if (typeof r.message === 'string') body.message = r.message;
      else if (Array.isArray(r.message)) body.message = r.message.join('; ');
      if (Array.isArray(r.details)) body.details = r.details;
    }
    return body;
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.too.large') return bodyOf(ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large');
    if (exception.type === 'entity.parse.failed') return bodyOf(ErrorCode.MALFORMED_BODY, 'Malformed JSON in request body');
    if (exception.type === 'entity.too.deep') {
      return bodyOf(ErrorCode.MALFORMED_BODY, exception.message, { details: [{ field: 'body', code: 'maxDepth', message: exception.message }] });
    }
    if (exception.status === 415) return bodyOf(ErrorCode.UNSUPPORTED_MEDIA_TYPE, exception.message);
    if (exception.status >= 400 && exception.status < 500) return bodyOf(ErrorCode.MALFORMED_BODY, exception.message);
  }
  const fault = databaseFaultOf(exception);
  if (fault) return bodyOf(ErrorCode.UNAVAILABLE, FAULT_MESSAGES[fault], { retryAfterSeconds: FAULT_RETRY_SECONDS[fault] });
  if (isUniqueViolation(exception)) {
    return bodyOf(ErrorCode.DUPLICATE, 'A record with the same unique key already exists');
  }
  return bodyOf(ErrorCode.INTERNAL, 'Internal server error');
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    const fault = databaseFaultOf(exception);
    if (fault) {
      // One line: the fault and the driver's code (its message may quote the data that was not saved).
      this.logger.error({ event: 'database fault', fault, code: databaseFaultCode(exception) });
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.headersSent) return;
    const { retryAfterSeconds, ...sent } = body;
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
    res.status(body.statusCode).json(sent);
  }
}
