import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ErrorCode } from './domain-error.js';

/** One entry of an error's `details`: the field, the broken constraint's stable code, a message for programmers. */
export class FieldIssueResponse {
  @ApiProperty({ type: String, example: 'uscc', description: 'the request field (dotted path for nested ones, `units[3].status` for rows)' })
  field: string;

  @ApiPropertyOptional({ type: String, example: 'isUscc', description: 'the stable lowerCamel name of the broken constraint' })
  code?: string;

  @ApiProperty({ type: String, example: 'uscc check character is wrong' })
  message: string;
}

/**
 * The one error body of the API (see all-exceptions.filter.ts): `code` always, `rule` on 409s, field
 * `details` on 400s (and some 409s), so a page can say each in Chinese.
 */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ type: String, example: 'Bad Request', description: 'the HTTP reason phrase' })
  error: string;

  @ApiProperty({ enum: Object.values(ErrorCode), enumName: 'ErrorCode' })
  code: ErrorCode;

  @ApiPropertyOptional({ type: String, example: 'BACKWARD', description: '409s: the stable UPPER_SNAKE name of the rule that refused the act' })
  rule?: string;

  @ApiProperty({ type: String, description: 'English, for programmers' })
  message: string;

  @ApiPropertyOptional({ type: () => FieldIssueResponse, isArray: true })
  details?: FieldIssueResponse[];
}

/** The error statuses a route documents with ApiErrors; 401 and 403 come with Permission(). */
export type DocumentedError = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

const WHEN: Record<DocumentedError, string> = {
  400: 'invalid input: a wrong type, an unknown field, a bad enum value or id; `details` names each field',
  401: 'no token, or a bad or expired one',
  403: 'the role or ownership does not allow this',
  404: 'no such record',
  409: 'the record’s state does not allow this (`rule` names the rule), a duplicate, or a stale version',
  413: 'the body or file is too large',
  415: 'the body’s media type is not accepted',
  429: 'too many requests; the Retry-After header says when to try again',
  503: 'a service this needs is unavailable; the Retry-After header says when to try again',
};

/** An error response of a route, with the ErrorResponse schema; `description` overrides the usual one. */
export function ApiError(status: DocumentedError, description?: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description: description ?? WHEN[status], type: ErrorResponse });
}

/** The error responses a route can give besides 401/403, e.g. `@ApiErrors(400, 404, 409)`. */
export function ApiErrors(...statuses: DocumentedError[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiError(status)));
}
