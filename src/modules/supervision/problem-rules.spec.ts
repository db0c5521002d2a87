import { daysOverdue, escalationCutoff, isOverdue, statusChangeRefusal } from './problem-rules.js';

describe('problem rules', () => {
  it('moves forward from 待办 to 办理中 and closes from either', () => {
    expect(statusChangeRefusal('OPEN', 'IN_PROGRESS')).toBeNull();
    expect(statusChangeRefusal('OPEN', 'RESOLVED')).toBeNull();
    expect(statusChangeRefusal('IN_PROGRESS', 'UNRESOLVABLE')).toBeNull();
  });

  it('refuses going back to 待办 and any change of a closed problem', () => {
    expect(statusChangeRefusal('IN_PROGRESS', 'OPEN')).toBe('PROBLEM_BACKWARD');
    expect(statusChangeRefusal('RESOLVED', 'IN_PROGRESS')).toBe('PROBLEM_CLOSED');
    expect(statusChangeRefusal('UNRESOLVABLE', 'RESOLVED')).toBe('PROBLEM_CLOSED');
  });

  it('is overdue from the day after the deadline, only while open', () => {
    expect(isOverdue({ status: 'OPEN', dueDate: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueDate: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ status: 'RESOLVED', dueDate: '2026-11-01' }, '2026-12-02')).toBe(false);
    expect(daysOverdue({ status: 'IN_PROGRESS', dueDate: '2026-11-30' }, '2026-12-02')).toBe(2);
  });

  it('escalates deadlines more than the given days in the past', () => {
    expect(escalationCutoff('2026-12-10', 7)).toBe('2026-12-03');
  });
});
