/** A field-level problem, as it appears in the `details` of a 400 response. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Every rule a service enforces has a code here. The exception filter maps each code to an HTTP
 * status with an exhaustive switch, so adding a code without deciding its status fails to compile.
 */
export enum ErrorCode {
  VALIDATION = 'VALIDATION',
  NOT_FOUND = 'NOT_FOUND',
  STALE_VERSION = 'STALE_VERSION',
  DUPLICATE = 'DUPLICATE',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  STATE_CONFLICT = 'STATE_CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

/** Thrown by services; never an HttpException, so services stay transport-agnostic. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${entity} ${id} not found`);
  }

  static invalid(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.VALIDATION, 'Validation failed', [{ field, message }]);
  }

  static staleVersion(entity: string, id: string): DomainError {
    return new DomainError(
      ErrorCode.STALE_VERSION,
      `${entity} ${id} was changed by someone else (stale version); reload and try again`,
    );
  }
}
