import { diff } from './audit.service.js';

describe('audit diff', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(
      diff(
        { name: '旧名', stage: 'NEGOTIATING', segments: ['A'], version: 1, updatedAt: 'x' },
        { name: '新名', stage: 'NEGOTIATING', segments: ['A', 'B'], version: 2, updatedAt: 'y' },
      ),
    ).toEqual({ name: { before: '旧名', after: '新名' }, segments: { before: ['A'], after: ['A', 'B'] } });
  });

  it('shows every field of a created record as changed from null', () => {
    expect(diff(null, { name: '新公司', uscc: null })).toEqual({ name: { before: null, after: '新公司' } });
  });
});
