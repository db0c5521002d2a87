import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './domain-error.js';

export function statusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.VALIDATION:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.STALE_VERSION:
    case ErrorCode.DUPLICATE:
    case ErrorCode.ILLEGAL_TRANSITION:
    case ErrorCode.STATE_CONFLICT:
      return HttpStatus.CONFLICT;
    case ErrorCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for error code ${String(unhandled)}`);
    }
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}
