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

  it('lists every problem at once', () => {
    expect(() =>
      validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TZ_DISTRICT: 'Mars/Base', ADMIN_PASSWORD: 'short' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*ADMIN_PASSWORD[\s\S]*TZ_DISTRICT/);
  });
});
