/**
 * A field-level problem, as it appears in the `details` of a 400 (or 409) response. `code` is the
 * stable name of the broken constraint (`isNotEmpty`, `isIn`, `unknownField`, `isUscc`…), so a page
 * can say it in Chinese next to the field; `message` is for programmers.
 */
export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
}

/**
 * Every error has a code here. The exception filter maps each code to an HTTP status with an
 * exhaustive switch, so adding a code without deciding its status fails to compile.
 */
export enum ErrorCode {
  VALIDATION = 'VALIDATION',
  MALFORMED_BODY = 'MALFORMED_BODY',
  NOT_FOUND = 'NOT_FOUND',
  STALE_VERSION = 'STALE_VERSION',
  DUPLICATE = 'DUPLICATE',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  STATE_CONFLICT = 'STATE_CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED = 'RATE_LIMITED',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

export interface DomainErrorExtra {
  /**
   * For 409s: the stable name of the rule that refused the act (`BACKWARD`, `LEAD_CONVERTED`,
   * `FUNDING_NEEDS_SIGNED`…), so a page can explain it in Chinese. Never renamed once published.
   */
  rule?: string;
  /** For 429 and 503: seconds after which the client may try again (sent as Retry-After). */
  retryAfterSeconds?: number;
}

/** Thrown by services; never an HttpException, so services stay transport-agnostic. */
export class DomainError extends Error {
  readonly rule?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    extra: DomainErrorExtra = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.rule = extra.rule;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${entity} ${id} not found`);
  }

  static invalid(field: string, message: string, code = 'invalid'): DomainError {
    return new DomainError(ErrorCode.VALIDATION, 'Validation failed', [{ field, code, message }]);
  }

  /** 409: well-formed, but the record's state does not allow it; `rule` names the rule for the page. */
  static conflict(rule: string, message: string, details?: FieldIssue[]): DomainError {
    return new DomainError(ErrorCode.STATE_CONFLICT, message, details, { rule });
  }

  static staleVersion(entity: string, id: string): DomainError {
    return new DomainError(
      ErrorCode.STALE_VERSION,
      `${entity} ${id} was changed by someone else (stale version); reload and try again`,
    );
  }
}
