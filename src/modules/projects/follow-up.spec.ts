import { afterActivity } from './follow-up.js';

describe('follow-up times after an activity', () => {
  const none = { lastActivityAt: null, nextFollowUpAt: null };

  it('makes the newest activity the last one and takes its next follow-up', () => {
    expect(afterActivity(none, 100, 200)).toEqual({ newer: true, done: false, lastActivityAt: 100, nextFollowUpAt: 200 });
    expect(afterActivity({ lastActivityAt: 150, nextFollowUpAt: 200 }, 120, null)).toEqual({ newer: false, done: false, lastActivityAt: 150, nextFollowUpAt: 200 });
  });

  it('completes a follow-up that came due when an activity without a new one is logged at or after it', () => {
    expect(afterActivity({ lastActivityAt: 100, nextFollowUpAt: 200 }, 200, null)).toMatchObject({ done: true, lastActivityAt: 200, nextFollowUpAt: null });
    expect(afterActivity({ lastActivityAt: 100, nextFollowUpAt: 200 }, 150, null)).toMatchObject({ done: false, nextFollowUpAt: 200 });
    expect(afterActivity({ lastActivityAt: 100, nextFollowUpAt: 200 }, 250, 300)).toMatchObject({ done: false, nextFollowUpAt: 300 });
  });

  it('compares Dates as the service holds them', () => {
    const at = new Date('2026-03-02T02:00:00Z');
    const due = new Date('2026-03-01T02:00:00Z');
    expect(afterActivity({ lastActivityAt: new Date('2026-02-01T00:00:00Z'), nextFollowUpAt: due }, at, null)).toMatchObject({ done: true, lastActivityAt: at });
  });
});
