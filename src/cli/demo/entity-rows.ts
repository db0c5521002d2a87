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
  const width = columns.length;
  return {
    table: meta.tableName,
    columns: names,
    encode(row: EntityRow<E>): Row {
      const values = row as Record<string, RowValue | undefined>;
      const out: Row = new Array(width);
      for (let c = 0; c < width; c++) {
        const v = values[props[c]];
        if (v === undefined) throw new Error(`The demo planner left out ${meta.tableName}.${names[c]} (${meta.name}.${props[c]})`);
        out[c] = converts[c](v);
      }
      return out;
    },
  };
}
