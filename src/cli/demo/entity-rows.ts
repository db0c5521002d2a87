import type { DataSource, EntityTarget } from 'typeorm';
import type { Cell, Row } from './writer.js';

/**
 * Rows written through the entities' metadata: the table and its columns come from
 * `dataSource.getMetadata(Entity)`, so a column added to an entity is written by the generator (or
 * fails it, loudly) instead of being left to a default or a repair at run time.
 */

/** The properties of an entity that are columns: the required ones (relations are optional, `?`). */
type ColumnKeys<E> = { [K in keyof E]-?: undefined extends E[K] ? never : K }[keyof E];

/**
 * A value as the database takes it, with two entity-level exceptions the metadata converts:
 * lists for simple-json columns and bigint for columns with a transformer (money).
 */
export type RowValue = Cell | bigint | readonly string[];

/**
 * One row of an entity's table: every column, by property name. Dates are 'YYYY-MM-DD' text and
 * instants Calendar stamps (the generator's hot path formats them itself, cached).
 */
export type EntityRow<E> = { [K in ColumnKeys<E>]: RowValue };

export interface EntityTable<E> {
  /** The table name (unqualified). */
  readonly table: string;
  /** Column names, in the metadata's order. */
  readonly columns: string[];
  /** The row's values in column order; throws when the planner left a column out. */
  encode(row: EntityRow<E>): Row;
}

type ColumnMetadata = ReturnType<DataSource['getMetadata']>['columns'][number];
type Convert = (v: RowValue) => Cell;

const same: Convert = (v) => v as Cell;
const json: Convert = (v) => (v === null || typeof v === 'string' ? v : JSON.stringify(v));

function converter(column: ColumnMetadata): Convert {
  const transformer = column.transformer;
  if (transformer && !Array.isArray(transformer)) return (v) => (transformer.to(v) as Cell) ?? null;
  if (column.type === 'simple-json') return json;
  return same;
}

export function entityTable<E>(dataSource: DataSource, target: EntityTarget<E>): EntityTable<E> {
  const meta = dataSource.getMetadata(target);
  const columns = meta.columns.filter((c) => !c.isVirtual && c.propertyName !== undefined);
  const names = columns.map((c) => c.databaseName);
  const props = columns.map((c) => c.propertyName);
  const converts = columns.map(converter);
  const missing = (row: Record<string, unknown>): never => {
    const c = props.findIndex((p) => row[p] === undefined);
    throw new Error(`The demo planner left out ${meta.tableName}.${names[c]} (${meta.name}.${props[c]})`);
  };
  return { table: meta.tableName, columns: names, encode: compileEncoder<E>(props, converts, missing) };
}

/**
 * The encoder for one table, compiled once from its column list: plain property reads in column
 * order (millions of rows go through it, so no lookups by computed key per cell), a check that none
 * is missing, and the metadata's conversions where a column has one.
 */
function compileEncoder<E>(props: string[], converts: Convert[], missing: (row: Record<string, unknown>) => never): (row: EntityRow<E>) => Row {
  const reads = props.map((p, c) => `const v${c} = row[${JSON.stringify(p)}];`).join('\n');
  const absent = props.map((_, c) => `v${c} === undefined`).join(' || ') || 'false';
  const values = props.map((_, c) => (converts[c] === same ? `v${c}` : `convert[${c}](v${c})`)).join(', ');
  const factory = new Function('convert', 'missing', `return function encode(row) {\n${reads}\nif (${absent}) missing(row);\nreturn [${values}];\n};`) as (
    convert: Convert[],
    missingColumn: typeof missing,
  ) => (row: EntityRow<E>) => Row;
  return factory(converts, missing);
}
