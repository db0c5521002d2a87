import { LoginAttempts } from './login-attempts.js';

describe('LoginAttempts', () => {
  it('blocks after the allowed failures within a minute, and lets the key in again once they age out', () => {
    const attempts = new LoginAttempts(3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(attempts.retryAfterMs('k', t0 + i)).toBe(0);
      attempts.fail('k', t0 + i);
    }
    expect(attempts.retryAfterMs('k', t0 + 10)).toBe(60_000 - 10);
    expect(attempts.retryAfterMs('other', t0 + 10)).toBe(0);
    expect(attempts.retryAfterMs('k', t0 + 60_001)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const attempts = new LoginAttempts(2);
    attempts.fail('k', 1);
    attempts.fail('k', 2);
    attempts.clear('k');
    expect(attempts.retryAfterMs('k', 3)).toBe(0);
  });
});
