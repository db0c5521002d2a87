import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** More than this many NUL-bearing strings in one request are not listed one by one. */
const MAX_NUL_ISSUES = 20;

/**
 * Every string in `value` (a body, a query object, a route parameter) that holds a NUL character,
 * as `{ field: "relocation.originCity", code: "noControlCharacters" }`. PostgreSQL refuses NUL in
 * text (a 500 before this check) and SQLite cut a LIKE pattern at it (`q=%00` matched every row),
 * so it is refused in one place for every field, present and future. Walks without recursion, so
 * the depth of a body costs no stack.
 */
export function nulCharacterIssues(value: unknown, root = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && issues.length < MAX_NUL_ISSUES) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) issues.push({ field: path || 'value', code: 'noControlCharacters', message: `${path || 'value'} must not contain NUL characters` });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        if (k.includes('\u0000')) {
          const name = k.replace(/\u0000/g, '\\0');
          issues.push({ field: path ? `${path}.${name}` : name, code: 'noControlCharacters', message: 'field names must not contain NUL characters' });
        } else stack.push([child, path ? `${path}.${k}` : k]);
      }
    }
  }
  return issues;
}

/** The global pipe: NUL refused in every string, then class-validator with the options below. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const issues = nulCharacterIssues(value, metadata.type === 'param' || typeof value === 'string' ? (metadata.data ?? '') : '');
      if (issues.length > 0) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', issues);
    }
    return super.transform(value, metadata);
  }
}

/** The validator options of the global pipe, shared with code that validates bodies itself (imports). */
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;
const TRANSFORM_OPTIONS = { enableImplicitConversion: false } as const;

/** The global pipe: NUL refused, unknown fields rejected, types transformed, errors in the contract's shape. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
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
  const nul = nulCharacterIssues(body);
  if (nul.length > 0) return { value, issues: nul };
  const errors = await validate(value, VALIDATOR_OPTIONS);
  return { value, issues: flattenValidationErrors(errors) };
}
