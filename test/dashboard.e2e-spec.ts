import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { districtDate } from '../src/common/time/district-clock.js';
import { createProject, moveProject } from './factories/records.factory.js';
import { ADMIN_TEST_PASSWORD, createTestApp, TestApp } from './support/test-app.js';

/**
 * The leaders' page in a real browser: Debian's Chromium driven by playwright-core. `.ci/run`
 * installs the `chromium` package when it is missing; on a developer machine without it the browser
 * test is skipped with a note (CI=true makes a missing browser a failure instead).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER && !process.env.CI) console.warn(`dashboard browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
const describeInBrowser = HAVE_BROWSER || process.env.CI ? describe : describe.skip;

describe('the dashboard page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is served without a token, with ECharts from our own origin', async () => {
    const page = await request(t.http).get('/dashboard').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('规划目标进度');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const lib = await request(t.http).get('/dashboard/echarts.min.js').expect(200);
    expect(lib.headers['content-type']).toContain('javascript');
    await request(t.http).get('/dashboard/secrets.json').expect(404);
    await request(t.http).get('/dashboard/..%2f..%2fpackage.json').expect(404);
  });

  describeInBrowser('in Chromium', () => {
    let browser: Browser;
    let base: string;
    beforeAll(async () => {
      const officer = await t.newUser('OFFICER');
      const p = await createProject(officer.api, {
        name: '驾驶舱测试项目',
        startedAt: '2024-01-10',
        relocation: { originProvince: 'BEIJING', function: 'REGIONAL_HQ' },
      });
      await moveProject(officer.api, p.id, 'SIGNED', { at: '2024-03-01' });
      await officer.api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: '2024-06-01', amount: '123456789.12', currency: 'CNY' }).expect(201);
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('logs a leader in, draws the charts, and shows the same numbers as the API', async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${base}/dashboard`);
      await page.fill('#username', 'admin');
      await page.fill('#password', 'wrong-password-1');
      await page.click('#login-button');
      await page.waitForFunction(() => document.getElementById('login-error')?.textContent !== '');
      expect(await page.textContent('#login-error')).toBe('用户名或密码错误');

      await page.fill('#password', ADMIN_TEST_PASSWORD);
      await page.click('#login-button');
      await page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });
      await page.waitForSelector('#chart-years canvas');
      await page.waitForSelector('#chart-funnel canvas');
      expect(await page.isVisible('#login-form')).toBe(false);

      const api = await t.admin.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: districtDate() }).expect(200);
      const shown = await page.$$eval('.card', (cards) =>
        cards.map((c) => ({ code: c.getAttribute('data-indicator'), actual: c.getAttribute('data-actual'), text: c.querySelector('.actual')?.textContent })),
      );
      expect(shown.map((s) => [s.code, s.actual])).toEqual(api.body.indicators.map((i: { code: string; actual: unknown }) => [i.code, String(i.actual)]));
      const text = Object.fromEntries(shown.map((s) => [s.code, s.text]));
      expect(text.JINGJI_PROJECTS).toBe('1 个');
      expect(text.JINGJI_INVESTMENT).toBe('1.23 亿元');
      expect(await page.textContent('.card[data-indicator="JINGJI_INVESTMENT"] .target')).toContain('200.00 亿元');

      await page.click('.card[data-indicator="JINGJI_PROJECTS"] a.drill');
      await page.waitForSelector('#records table');
      expect(await page.textContent('#records')).toContain('驾驶舱测试项目');

      mkdirSync(join('test', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join('test', 'artifacts', 'dashboard.png'), fullPage: true });
      await page.close();
    }, 60_000);
  });
});
