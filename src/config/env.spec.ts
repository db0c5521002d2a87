import { validateEnv } from './env.js';

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.SQLITE_PATH).toBe('./data/crm.sqlite');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.TZ_DISTRICT).toBe('Asia/Shanghai');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('runs the workers in-process and keeps reminders’ thresholds by default', () => {
    const env = validateEnv({});
    expect(env.WORKERS).toBe('true');
    expect(env.STALE_PROJECT_DAYS).toBe(30);
    expect(env.VACANCY_STALE_DAYS).toBe(30);
    expect(env.DELIVERY_ATTEMPTS).toBe(6);
    expect(validateEnv({ WORKERS: 'false', DELIVERY_BACKOFF_MS: '250' })).toMatchObject({ WORKERS: 'false', DELIVERY_BACKOFF_MS: 250 });
    expect(() => validateEnv({ WORKERS: 'no', DELIVERY_ATTEMPTS: '0' })).toThrow(/WORKERS[\s\S]*DELIVERY_ATTEMPTS/);
  });

  it('takes the public base URL that messages link to, and refuses one that is not an http(s) address', () => {
    expect(validateEnv({}).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(validateEnv({ PUBLIC_BASE_URL: 'https://zhaoshang.heping.gov.cn/crm/' }).PUBLIC_BASE_URL).toBe('https://zhaoshang.heping.gov.cn/crm/');
    expect(() => validateEnv({ PUBLIC_BASE_URL: 'zhaoshang.heping.gov.cn' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('lists every problem at once', () => {
    expect(() =>
      validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TZ_DISTRICT: 'Mars/Base', ADMIN_PASSWORD: 'short' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*ADMIN_PASSWORD[\s\S]*TZ_DISTRICT/);
  });

  it('holds ADMIN_PASSWORD to the password policy, with a message that says why', () => {
    expect(() => validateEnv({ ADMIN_PASSWORD: 'admin-password-for-tests' })).toThrow(
      /ADMIN_PASSWORD is refused by the password policy: password must not contain the username \(passwordContainsUsername\)/,
    );
    expect(() => validateEnv({ ADMIN_PASSWORD: 'password1234' })).toThrow(/ADMIN_PASSWORD[\s\S]*passwordCommon/);
    expect(() => validateEnv({ ADMIN_PASSWORD: '############' })).toThrow(/ADMIN_PASSWORD[\s\S]*passwordRepeatedCharacter/);
    expect(validateEnv({ ADMIN_PASSWORD: 'harbour-lantern-pine-47' }).ADMIN_PASSWORD).toBe('harbour-lantern-pine-47');
  });

  it('reads ALLOWED_WEBHOOK_HOSTS and refuses entries that are no host, address or range', () => {
    expect(validateEnv({}).ALLOWED_WEBHOOK_HOSTS).toBe('');
    expect(validateEnv({ ALLOWED_WEBHOOK_HOSTS: '10.8.0.0/16,robot.corp.example' }).ALLOWED_WEBHOOK_HOSTS).toBe('10.8.0.0/16,robot.corp.example');
    expect(() => validateEnv({ ALLOWED_WEBHOOK_HOSTS: 'http://robot/' })).toThrow(/ALLOWED_WEBHOOK_HOSTS: not a host name/);
  });
});
