import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, ErrorCode, type FieldIssue } from '../errors/domain-error.js';

/**
 * Flattens nested class-validator errors into `{ field: "relocation.originProvince", code: "isIn", message }`;
 * `code` is the constraint's name (`unknownField` for a field the DTO does not have).
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      if (constraint === 'whitelistValidation') out.push({ field, code: 'unknownField', message: `unknown field '${e.property}'` });
      else out.push({ field, code: constraint, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The validator options of the global pipe, shared with code that validates bodies itself (imports). */
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;
const TRANSFORM_OPTIONS = { enableImplicitConversion: false } as const;

/** The global pipe: unknown fields rejected, types transformed, errors in the contract's shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: TRANSFORM_OPTIONS,
    exceptionFactory: (errors) =>
      new DomainError(ErrorCode.VALIDATION, 'Validation failed', flattenValidationErrors(errors)),
  });
}

/**
 * Validates a plain body exactly as the global pipe validates a request body (same transform and
 * validator options), for bodies that do not arrive as JSON, such as the rows of an imported sheet.
 */
export async function validateBody<T extends object>(cls: ClassConstructor<T>, body: object): Promise<{ value: T; issues: FieldIssue[] }> {
  const value = plainToInstance(cls, body, TRANSFORM_OPTIONS);
  const errors = await validate(value, VALIDATOR_OPTIONS);
  return { value, issues: flattenValidationErrors(errors) };
}
