import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { districtDate } from '../../src/common/time/district-clock.js';
import { addDays } from '../../src/modules/buildings/calendar.js';
import { createDepartment, createProblem } from '../factories/problems.factory.js';
import { createProject } from '../factories/records.factory.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { choose, describeInBrowser, openWorkbench, pageErrors, shot, signIn, toast } from './browser.js';

jest.setTimeout(120_000);

/** The screenshot once the toast has gone and the lists have loaded. */
async function settledShot(page: Page, name: string): Promise<void> {
  await page.locator('.el-message').last().waitFor({ state: 'hidden' });
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
  await shot(page, name);
}

describeInBrowser('督办 in the workbench', () => {
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

  it('officer reports a problem to a department, a leader marks it 督办 with 批示, the department user sees it in 我的问题', async () => {
    const officer = await t.newUser('OFFICER');
    const leader = await t.newUser('LEADER');
    const contact = await t.newUser('DEPARTMENT', { displayName: '王科长' });
    const department = await createDepartment(t, [contact], { nameZh: '区市场监管局（测试）' });
    const project = await createProject(officer.api, { name: '华北金融科技区域总部项目' });
    // An older problem already overdue, so the overview has something for the weekly meeting.
    const old = await createProblem(officer.api, project.id, department.id, { title: '办公场地消防验收未完成', category: 'PREMISES' });
    await t.dataSource.query(`UPDATE problems SET due_date = '${addDays(districtDate(), -5)}', reported_on = '${addDays(districtDate(), -20)}' WHERE id = '${old.id}'`);

    const page = await signIn(browser, base, officer.username, TEST_PASSWORD);
    await page.goto(`${base}/projects/${project.id}?tab=problems`);
    await page.getByTestId('add-problem').click();
    await page.getByTestId('problem-title').fill('营业执照经营范围变更受阻');
    await choose(page, '[data-test=problem-department]', '区市场监管局（测试）');
    await page.getByTestId('save-new-problem').click();
    expect(await toast(page)).toContain('问题已提交给责任单位');
    const rows = page.getByTestId('problems').locator('.el-table__body tr.el-table__row');
    await rows.filter({ hasText: '营业执照经营范围变更受阻' }).waitFor();
    await rows.filter({ hasText: '逾期 5 天' }).waitFor();
    await settledShot(page, 'supervision-officer-project-problems');
    expect(pageErrors(page)).toEqual([]);

    const lead = await signIn(browser, base, leader.username, TEST_PASSWORD);
    await lead.goto(`${base}/supervision`);
    const overdueRow = lead.getByTestId('problems').locator('.el-table__body tr.el-table__row', { hasText: '办公场地消防验收未完成' });
    await overdueRow.waitFor();
    await overdueRow.getByTestId('supervise-problem').click();
    await lead.getByTestId('instruction-input').fill('请区市场监管局本周内协调办结，周五前报送进展。');
    await lead.getByTestId('save-supervise').click();
    expect(await toast(lead)).toContain('已督办');
    await overdueRow.getByTestId('supervised-tag').waitFor();
    await lead.getByTestId('by-department').getByText('区市场监管局（测试）').waitFor();
    await settledShot(lead, 'supervision-leader-overview');
    expect(pageErrors(lead)).toEqual([]);

    const dept = await signIn(browser, base, contact.username, TEST_PASSWORD);
    await dept.waitForURL((u) => u.pathname === '/my-problems');
    const mine = dept.getByTestId('problems').locator('.el-table__body tr.el-table__row', { hasText: '办公场地消防验收未完成' });
    await mine.getByTestId('instruction').waitFor();
    expect(await mine.getByTestId('instruction').innerText()).toContain('请区市场监管局本周内协调办结');
    await shot(dept, 'supervision-department-my-problems');
    expect(pageErrors(dept)).toEqual([]);

    const stored = (await leader.api.get(`/api/v1/problems/${old.id}`).expect(200)).body;
    expect(stored).toMatchObject({ supervised: true, instruction: '请区市场监管局本周内协调办结，周五前报送进展。' });
  });
});
