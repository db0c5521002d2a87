import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldIssue } from '../errors/domain-error.js';

/** Flattens nested class-validator errors into `{ field: "relocation.originProvince", message }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: constraint === 'whitelistValidation' ? `unknown field '${e.property}'` : message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The global pipe: unknown fields rejected, types transformed, errors in the contract's shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Validation failed', details: flattenValidationErrors(errors) }),
  });
}
