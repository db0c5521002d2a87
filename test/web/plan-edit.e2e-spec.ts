import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TEST_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, openWorkbench, pageErrors, shot, signIn, toast } from './browser.js';

jest.setTimeout(120_000);

/** 规划目标 → 编辑: an administrator changes an entered plan's targets in the plan form and the dashboard follows. */
describeInBrowser('editing a plan’s targets in the workbench', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    t = await createTestApp();
    ({ base, browser } = await openWorkbench(t));
    page = await signIn(browser, base, 'admin', ADMIN_TEST_PASSWORD);
    await t.admin.api
      .post('/api/v1/plans')
      .send({
        code: 'FYP15',
        name: '和平区国民经济和社会发展第十五个五年规划',
        startDate: '2026-01-01',
        endDate: '2030-12-31',
        indicators: [
          { code: 'JINGJI_PROJECTS', target: 260, unit: 'PROJECTS', milestones: [{ year: 2026, value: 50 }] },
          { code: 'JINGJI_INVESTMENT', target: '30000000000', unit: 'CNY', baseline: '1234567.89' },
        ],
      })
      .expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });
  afterEach(() => expect(pageErrors(page)).toEqual([]));

  it('opens the plan form filled with the plan’s figures, keeps the input on a stale version, saves, and the dashboard shows the new target', async () => {
    await page.goto(`${base}/admin/plans`);
    await page.click('[data-test=edit-plan-FYP15]');
    // Filled with the plan's values: money in 万元 (exact), milestones cumulative.
    expect(await page.inputValue('[data-test=target-JINGJI_PROJECTS]')).toBe('260');
    expect(await page.inputValue('[data-test=target-JINGJI_INVESTMENT]')).toBe('3000000');
    expect(await page.getByLabel('吸引京冀投资 基期值').inputValue()).toBe('123.456789');
    expect(await page.inputValue('[data-test=milestone-JINGJI_PROJECTS-2026]')).toBe('50');
    expect(await page.isDisabled('[data-test=plan-code]')).toBe(true);

    await page.fill('[data-test=target-JINGJI_PROJECTS]', '300');
    await page.fill('[data-test=milestone-JINGJI_PROJECTS-2027]', '120');
    await page.fill('[data-test=target-JINGJI_INVESTMENT]', '3200000.5');

    // Someone else changes the plan meanwhile: the save is refused in Chinese and the input stays.
    const plan = (await t.admin.api.get('/api/v1/plans').expect(200)).body.find((p: { code: string }) => p.code === 'FYP15');
    await t.admin.api.patch('/api/v1/plans/FYP15').send({ version: plan.version, statusBasis: 'VERIFIED' }).expect(200);
    await page.click('[data-test=plan-save]');
    await page.getByTestId('plan-error').getByText('该记录刚被其他人修改过').waitFor();
    expect(await page.inputValue('[data-test=target-JINGJI_PROJECTS]')).toBe('300');
    await shot(page, 'admin-plan-edit-stale');

    // Reopened with the latest version, the figures typed again are saved.
    await page.keyboard.press('Escape');
    await page.reload();
    await page.click('[data-test=edit-plan-FYP15]');
    await page.fill('[data-test=target-JINGJI_PROJECTS]', '300');
    await page.fill('[data-test=milestone-JINGJI_PROJECTS-2027]', '120');
    await page.fill('[data-test=target-JINGJI_INVESTMENT]', '3200000.5');
    await shot(page, 'admin-plan-edit-form');
    await page.click('[data-test=plan-save]');
    await toast(page, '已保存');
    const card = page.getByTestId('plan-FYP15');
    await card.getByText('2027年 120 个').waitFor();
    expect(await card.innerText()).toContain('320.00 亿元');
    await shot(page, 'admin-plan-edited');
    const saved = (await t.admin.api.get('/api/v1/plans').expect(200)).body.find((p: { code: string }) => p.code === 'FYP15');
    expect(saved.statusBasis).toBe('VERIFIED');
    expect(saved.indicators.find((i: { code: string }) => i.code === 'JINGJI_INVESTMENT')).toMatchObject({ target: '32000005000.00', baseline: '1234567.89' });

    await page.goto(`${base}/dashboard`);
    await page.getByText('目标 300').first().waitFor();
    await shot(page, 'admin-dashboard-edited-target');
  });
});
