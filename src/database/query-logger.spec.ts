import { redactDriverMessage } from './query-logger.js';

describe('driver messages in the query log', () => {
  it('keeps constraint and column names but hides quoted values', () => {
    expect(redactDriverMessage('duplicate key value violates unique constraint "uq_users_username"')).toBe(
      'duplicate key value violates unique constraint "uq_users_username"',
    );
    expect(redactDriverMessage('UNIQUE constraint failed: users.username')).toBe('UNIQUE constraint failed: users.username');
    expect(redactDriverMessage('invalid input syntax for type uuid: "13912345678"')).toBe('invalid input syntax for type uuid: "(value hidden)"');
    expect(redactDriverMessage('value "99999999999" is out of range for type integer')).toBe('value "(value hidden)" is out of range for type integer');
  });
});
