import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';

/** The schema of a page of a list: `{ items: Item[], nextCursor: string | null }` (plus `extra` properties). */
export function pageSchema(items: SchemaObject | ReferenceObject, extra: Record<string, SchemaObject | ReferenceObject> = {}): SchemaObject {
  return {
    type: 'object',
    required: ['items', 'nextCursor', ...Object.keys(extra)],
    properties: {
      ...extra,
      items: { type: 'array', items },
      nextCursor: { type: 'string', nullable: true, description: 'pass as ?cursor= for the next page; null on the last page' },
    },
  };
}

/**
 * Documents a keyset-paginated list route (200 with `{ items, nextCursor }`, see cursor.ts). `item` is
 * the class of the items, or several classes when an item is one of them (a `oneOf`).
 */
export function ApiPage(
  item: Type<unknown> | Type<unknown>[],
  opts: { description?: string; extra?: Record<string, SchemaObject | ReferenceObject> } = {},
): MethodDecorator {
  const classes = Array.isArray(item) ? item : [item];
  const refs = classes.map((c) => ({ $ref: getSchemaPath(c) }));
  return applyDecorators(
    ApiExtraModels(...classes),
    ApiOkResponse({ description: opts.description ?? 'a page of the list', schema: pageSchema(refs.length === 1 ? refs[0] : { oneOf: refs }, opts.extra) }),
  );
}
