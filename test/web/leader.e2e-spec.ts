import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { createProject, moveProject } from '../factories/records.factory.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { describeInBrowser, fitsWidth, openWorkbench, pageErrors, PHONE, shot, signIn } from './browser.js';

describe('the workbench is served by the service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every page path with the app, from our own origin, and leaves the API, docs and health alone', async () => {
    for (const path of ['/', '/dashboard', '/projects/01900000-0000-7000-8000-000000000000?tab=fundings', '/leads']) {
      const page = await request(t.http).get(path).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.text).toContain('和平区招商引资工作台');
      expect(page.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await request(t.http).get('/').expect(200)).text)?.[1];
    expect(script).toBeDefined();
    const js = await request(t.http).get(script as string).expect(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    await request(t.http).get('/assets/nothing-here.js').expect(404);
    const escape = await request(t.http).get('/assets/..%2f..%2fpackage.json');
    expect([403, 404]).toContain(escape.status);
    expect(escape.text).not.toContain('heping-crm');
    const api = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expect(api.body).toMatchObject({ code: 'NOT_FOUND' });
    await request(t.http).get('/health').expect(200);
    await request(t.http).get('/docs-json').expect(200);
  });
});

jest.setTimeout(120_000);

describeInBrowser('the workbench for a district leader', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ base, browser } = await openWorkbench(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('leader opens the dashboard, sees each figure as the API computes it, drills into one and lands on the project', async () => {
    const officer = await t.newUser('OFFICER');
    const p = await createProject(officer.api, {
      name: '驾驶舱测试项目',
      startedAt: '2024-01-10',
      relocation: { originProvince: 'BEIJING', function: 'REGIONAL_HQ' },
    });
    await moveProject(officer.api, p.id, 'SIGNED', { at: '2024-03-01' });
    await officer.api.post(`/api/v1/projects/${p.id}/fundings`).send({ date: '2024-06-01', amount: '123456789.12', currency: 'CNY' }).expect(201);
    const leader = await t.newUser('LEADER');

    const page = await signIn(browser, base, leader.username, TEST_PASSWORD);
    await page.waitForURL('**/dashboard');
    // The 14th plan has ended and no later plan is entered: the page says so, and shows no ended plan as current.
    const missing = page.getByTestId('no-current-plan');
    await missing.waitFor();
    expect(await missing.innerText()).toContain('十五五规划目标尚未录入');
    expect(await page.getByTestId('enter-plan').count()).toBe(0);
    expect(await page.locator('[data-indicator]').count()).toBe(0);
    await shot(page, 'leader-dashboard-no-current-plan');
    // The ended plan when chosen.
    await page.goto(`${base}/dashboard?plan=FYP14`);
    await page.locator('[data-indicator=JINGJI_INVESTMENT]').waitFor();
    const progress = (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14' }).expect(200)).body;
    for (const i of progress.indicators as { code: string; actual: string | number }[]) {
      expect(await page.locator(`[data-indicator=${i.code}]`).getAttribute('data-actual')).toBe(String(i.actual));
    }
    expect(await page.locator('[data-indicator=JINGJI_INVESTMENT] [data-test=actual]').innerText()).toBe('1.23 亿元');
    await page.locator('canvas').first().waitFor();
    await shot(page, 'leader-dashboard');

    await page.click('[data-test=drill-JINGJI_PROJECTS]');
    const link = page.getByTestId('drill-link').filter({ hasText: '驾驶舱测试项目' });
    await link.click();
    await page.waitForURL(`**/projects/${p.id}`);
    await page.getByTestId('project-title').filter({ hasText: '驾驶舱测试项目' }).waitFor();
    // Leaders read everything and change nothing.
    expect(await page.locator('[data-test=edit-project]').count()).toBe(0);
    expect(await page.locator('[data-test=activity-submit]').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the dashboard on a phone without sideways scrolling', async () => {
    const leader = await t.newUser('LEADER');
    const page = await signIn(browser, base, leader.username, TEST_PASSWORD, PHONE);
    await page.getByTestId('no-current-plan').waitFor();
    await page.goto(`${base}/dashboard?plan=FYP14`);
    await page.locator('[data-indicator=JINGJI_PROJECTS]').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-leader-dashboard');
    await page.context().close();
  });
});
