import type { DataSource } from 'typeorm';
import { minorUnits } from '../../database/transformers.js';
import { entityTable } from './entity-rows.js';

interface Thing {
  id: string;
  tags: string[];
  amount: bigint;
  note: string | null;
  parent?: Thing;
}

describe('demo rows through entity metadata', () => {
  const metadata = {
    tableName: 'things',
    name: 'Thing',
    columns: [
      { databaseName: 'id', propertyName: 'id', type: 'varchar' },
      { databaseName: 'tags', propertyName: 'tags', type: 'simple-json' },
      { databaseName: 'amount', propertyName: 'amount', type: 'bigint', transformer: minorUnits },
      { databaseName: 'note_text', propertyName: 'note', type: 'varchar' },
    ],
  };
  const dataSource = { getMetadata: () => metadata } as unknown as DataSource;

  it('lists the columns the metadata has and encodes a row in their order, converting as the columns do', () => {
    const table = entityTable<Thing>(dataSource, 'Thing');
    expect(table.table).toBe('things');
    expect(table.columns).toEqual(['id', 'tags', 'amount', 'note_text']);
    expect(table.encode({ id: 'a', tags: ['X', 'Y'], amount: 12_345n, note: null })).toEqual(['a', '["X","Y"]', '12345', null]);
  });

  it('refuses a row that leaves a column out', () => {
    const table = entityTable<Thing>(dataSource, 'Thing');
    expect(() => table.encode({ id: 'a', tags: [], amount: 1n } as never)).toThrow('The demo planner left out things.note_text (Thing.note)');
  });
});
