import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks responses against the OpenAPI document the service serves: the body of a JSON response must
 * match the schema documented for its status, a file its documented media type.
 *
 * The document's schemas are read as closed: every object schema gets `additionalProperties: false`
 * unless it states `additionalProperties` itself (the few open ones, such as audit before/after values,
 * say so), so a field the document does not name fails as surely as a missing or mistyped one.
 * OpenAPI 3.0's `nullable` becomes `anyOf: [schema, { type: 'null' }]`, which also covers nullable
 * references (`{ nullable, allOf: [$ref] }`), where Ajv's own `nullable` support stops.
 */
type Schema = Record<string, unknown>;

interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
export interface OpenApiOperation {
  responses: Record<string, ResponseObject>;
  'x-permission'?: string;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

/** What a checked response needs: supertest's response has these. */
export interface SeenResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const DOCUMENT_ID = 'openapi';
/** Problems listed per response; a list of 50 items with one undocumented field says it 50 times otherwise. */
const MAX_ERRORS = 5;
const SCHEMA_REF = '#/components/schemas/';
/** Keywords whose value is a schema, a list of schemas, or a map of them. */
const SUBSCHEMA = ['items', 'not', 'additionalProperties'];
const SUBSCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf'];

/** One OpenAPI 3.0 schema as a closed JSON schema for Ajv. */
export function toClosedJsonSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) out.$ref = `${DOCUMENT_ID}#/definitions/${value.slice(SCHEMA_REF.length)}`;
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toClosedJsonSchema(v)]));
    else if (SUBSCHEMA_LISTS.includes(key)) out[key] = (value as Schema[]).map(toClosedJsonSchema);
    else if (SUBSCHEMA.includes(key) && typeof value === 'object' && value !== null) out[key] = toClosedJsonSchema(value as Schema);
    else out[key] = value;
  }
  // A composed schema (`{ allOf: [$ref] }`) is closed by the schemas it refers to, not here.
  const composed = SUBSCHEMA_LISTS.some((k) => k in schema);
  if (schema.type === 'object' && !('additionalProperties' in schema) && !composed) out.additionalProperties = false;
  return schema.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** The media type without parameters: `text/csv; charset=utf-8` → `text/csv`. */
const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0].trim().toLowerCase();

export class ResponseChecker {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(this.ajv);
    // The document's schemas as one schema's definitions, so every reference is compiled once.
    const definitions = Object.fromEntries(Object.entries(document.components.schemas).map(([k, v]) => [k, toClosedJsonSchema(v)]));
    this.ajv.addSchema({ $id: DOCUMENT_ID, definitions });
  }

  operation(method: string, path: string): OpenApiOperation | undefined {
    return this.document.paths[path]?.[method.toLowerCase()];
  }

  /** The operations of the document without a documented 2xx response. */
  undocumentedSuccess(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Object.keys(op.responses).some((status) => status.startsWith('2')))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
  }

  /**
   * What is wrong with a response of `METHOD /path/template`: a status the operation does not
   * document, a JSON body that does not match its schema, a file of another media type. Empty when right.
   */
  problems(method: string, path: string, res: SeenResponse): string[] {
    const key = `${method.toUpperCase()} ${path}`;
    const op = this.operation(method, path);
    if (!op) return [`${key}: not in the OpenAPI document`];
    const documented = op.responses[String(res.status)];
    if (!documented) return [`${key}: answered ${res.status}, which the document does not list (${Object.keys(op.responses).join(', ')})`];
    const type = mediaType(res.headers['content-type']);
    const content = Object.entries(documented.content ?? {});
    if (content.length === 0) return res.status === 204 ? [] : [`${key} ${res.status}: the document gives no content for it`];
    const match = content.find(([t]) => mediaType(t) === type);
    if (!match) return [`${key} ${res.status}: answered ${type}, documented ${content.map(([t]) => t).join(', ')}`];
    if (type !== 'application/json') return [];
    const schema = match[1].schema;
    if (!schema) return [`${key} ${res.status}: no schema for application/json`];
    const validate = this.validator(`${key} ${res.status}`, schema);
    if (validate(res.body)) return [];
    const errors = (validate.errors ?? []).map((e) => `${key} ${res.status}: ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    return errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `${key} ${res.status}: … ${errors.length - MAX_ERRORS} more`] : errors;
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toClosedJsonSchema(schema));
      this.validators.set(key, validate);
    }
    return validate;
  }
}
