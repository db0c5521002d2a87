import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, FieldIssue } from './domain-error.js';
import { reasonPhrase, statusOf } from './http-status.js';

/** The one error body of the contract: `{ statusCode, error, message, details? }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: FieldIssue[];
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

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = statusOf(exception.code);
    return {
      statusCode,
      error: reasonPhrase(statusCode),
      code: exception.code,
      message: exception.message,
      ...(exception.details ? { details: exception.details } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body: ErrorBody = { statusCode, error: reasonPhrase(statusCode), message: exception.message };
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown; details?: FieldIssue[] };
      if (typeof r.message === 'string') body.message = r.message;
      else if (Array.isArray(r.message)) body.message = r.message.join('; ');
      if (Array.isArray(r.details)) body.details = r.details;
    }
    return body;
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.too.large') {
      return { statusCode: 413, error: reasonPhrase(413), message: 'Request body is too large' };
    }
    if (exception.type === 'entity.parse.failed') {
      return { statusCode: 400, error: reasonPhrase(400), message: 'Malformed JSON in request body' };
    }
    if (exception.status >= 400 && exception.status < 500) {
      return { statusCode: exception.status, error: reasonPhrase(exception.status), message: exception.message };
    }
  }
  if (isUniqueViolation(exception)) {
    return { statusCode: 409, error: reasonPhrase(409), code: 'DUPLICATE', message: 'A record with the same unique key already exists' };
  }
  return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error' };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
