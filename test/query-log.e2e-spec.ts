import { Logger, LoggerService } from '@nestjs/common';
import { newId } from '../src/common/identity/ids.js';
import { hashPassword } from '../src/modules/users/password.js';
import { createTestApp, TestApp } from './support/test-app.js';

/** Everything written through the app's logger, and straight to the console, while `act` runs. */
async function captureLogs(t: TestApp, act: () => Promise<void>): Promise<{ appLog: string; consoleLog: string }> {
  const appLines: string[] = [];
  const consoleLines: string[] = [];
  const record = (level: string) => (message: unknown, ...rest: unknown[]): void => {
    appLines.push(JSON.stringify({ level, message, rest }));
  };
  const capture: LoggerService = { log: record('log'), error: record('error'), warn: record('warn'), debug: record('debug'), verbose: record('verbose'), fatal: record('fatal') };
  t.app.useLogger(capture);
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write, log: console.log, error: console.error, warn: console.warn, info: console.info };
  const grab = (...args: unknown[]): boolean => {
    consoleLines.push(args.map(String).join(' '));
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  console.log = grab;
  console.error = grab;
  console.warn = grab;
  console.info = grab;
  try {
    await act();
  } finally {
    Object.assign(console, { log: originals.log, error: originals.error, warn: originals.warn, info: originals.info });
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
    t.app.useLogger(false as unknown as LoggerService);
    Logger.overrideLogger(false);
  }
  return { appLog: appLines.join('\n'), consoleLog: consoleLines.join('\n') };
}

describe('database errors in the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs a unique violation on users through the JSON logger, without the password hash or the phone number', async () => {
    const hash = await hashPassword('a-secret-that-must-not-leak');
    const phone = '13912345678';
    const { appLog, consoleLog } = await captureLogs(t, async () => {
      // A second "admin": the unique index on username refuses it, and TypeORM logs the failed query.
      await expect(
        t.dataSource.query(
          'INSERT INTO users (id, username, display_name, role, password_hash, active, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)'.replace(
            /\$\d/g,
            t.dataSource.options.type === 'postgres' ? (m) => m : () => '?',
          ),
          [newId(), 'admin', `王丽 ${phone}`, 'ADMIN', hash, true, new Date().toISOString(), new Date().toISOString(), 1],
        ),
      ).rejects.toThrow(/unique|UNIQUE/);
    });
    // Nothing went around the logger to the console (TypeORM's own logger printed the parameters).
    expect(consoleLog).not.toContain(hash.split('$')[5]);
    expect(consoleLog).not.toContain(phone);
    expect(consoleLog).not.toMatch(/INSERT INTO users/);
    // It was logged, through the app's logger, naming the query and the constraint but none of the values.
    expect(appLog).toMatch(/query failed/i);
    expect(appLog).toMatch(/INSERT INTO users/);
    expect(appLog).toMatch(/username|uq_users_username/);
    expect(appLog).not.toContain(hash.split('$')[5]);
    expect(appLog).not.toContain(phone);
  });
});
