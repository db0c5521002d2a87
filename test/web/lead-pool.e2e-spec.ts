import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createLead } from '../factories/records.factory.js';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app.js';
import { choose, describeInBrowser, openWorkbench, pageErrors, shot, signIn, toast } from './browser.js';

jest.setTimeout(120_000);

describeInBrowser('公海 in the workbench', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let officer: TestUser;

  const pooled = async (companyName: string): Promise<string> => {
    const id = (await createLead(t.admin.api, { companyName })).id;
    await t.admin.api.post(`/api/v1/leads/${id}/release`).send({ reason: '久未跟进' }).expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER', { displayName: '张招商' });
    ({ base, browser } = await openWorkbench(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('officer claims a lead from the pool and sees when it would return; its timeline shows the moves', async () => {
    const id = await pooled('公海测试科技有限公司');
    const page = await signIn(browser, base, officer.username, TEST_PASSWORD);
    await page.goto(`${base}/leads/pool`);
    const row = page.locator('.el-table__row', { hasText: '公海测试科技有限公司' });
    await row.waitFor();
    await shot(page, 'officer-lead-pool');
    await row.locator('[data-test=claim]').click();
    await page.waitForURL(`**/leads/${id}`);
    await page.getByTestId('pool-return').waitFor();
    expect(await page.getByTestId('pool-return').innerText()).toMatch(/如无跟进，将于 .+ 退回公海/);
    const moves = await page.getByTestId('pool-event').allInnerTexts();
    expect(moves).toEqual(['公海：认领', '公海：交回公海']);
    await shot(page, 'officer-lead-claimed');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('admin assigns a pool lead to an officer', async () => {
    const id = await pooled('公海分配测试有限公司');
    const admin = await signIn(browser, base, (await t.newUser('ADMIN')).username, TEST_PASSWORD);
    await admin.goto(`${base}/leads/pool`);
    const row = admin.locator('.el-table__row', { hasText: '公海分配测试有限公司' });
    await row.waitFor();
    expect(await row.locator('[data-test=claim]').count()).toBe(0);
    await row.locator('[data-test=assign]').click();
    await choose(admin, '[data-test=assignee]', '张招商');
    await shot(admin, 'admin-lead-pool-assign');
    await admin.click('[data-test=assign-confirm]');
    expect(await toast(admin)).toContain('已将「公海分配测试有限公司」分配给 张招商');
    expect((await t.admin.api.get(`/api/v1/leads/${id}`).expect(200)).body.ownerId).toBe(officer.id);
    expect(pageErrors(admin)).toEqual([]);
    await admin.context().close();
  });
});
