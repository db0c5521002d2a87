import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { districtDate } from '../../src/common/time/district-clock.js';
import { createProject, moveProject } from '../factories/records.factory.js';
import { validUscc } from '../factories/uscc.factory.js';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app.js';
import { describeInBrowser, fitsWidth, openWorkbench, pageErrors, PHONE, shot, signIn, toast } from './browser.js';

/** Days before the district's today, as YYYY-MM-DD. */
function daysAgo(n: number): string {
  const d = new Date(`${districtDate()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Types a date into an Element Plus date picker found by its label, and confirms it. */
async function typeDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

jest.setTimeout(120_000);

describeInBrowser('the workbench for an investment officer', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    ({ base, browser } = await openWorkbench(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('officer registers a lead, converts it, moves the project to 签约 with a past date, records funds in 万元 and logs a visit with a follow-up reminder', async () => {
    const page = await signIn(browser, base, officer.username, TEST_PASSWORD);
    await page.waitForURL('**/workbench');
    await shot(page, 'officer-home');

    // 线索: register one.
    await page.goto(`${base}/leads`);
    await page.click('[data-test=new-lead]');
    await page.fill('#lead-companyName', '北京星河数智科技有限公司');
    await page.locator('[data-test=lead-source]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '京冀对接会' }).click();
    await page.fill('#lead-contactName', '李经理');
    await page.fill('#lead-contactPhone', '138 1234 5678');
    await page.click('[data-test=lead-save]');
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByTestId('lead-title').filter({ hasText: '北京星河数智科技有限公司' }).waitFor();
    await shot(page, 'officer-lead');

    // 转为项目, talks begun 40 days ago.
    await page.click('[data-test=convert-lead]');
    await page.locator('[data-test=convert-industry]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '智能科技' }).click();
    await typeDate(page, '洽谈开始日期', daysAgo(40));
    await page.click('[data-test=convert-submit]');
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}/);
    const projectId = page.url().split('/projects/')[1].split('?')[0];
    await page.getByTestId('project-stage').filter({ hasText: '洽谈' }).waitFor();

    // 签约, back-dated ten days.
    await page.click('[data-test=move-SIGNED]');
    await typeDate(page, '发生日期', daysAgo(10));
    await page.click('[data-test=transition-submit]');
    await toast(page, '签约');
    await page.getByTestId('project-stage').filter({ hasText: '签约' }).waitFor();
    const project = (await officer.api.get(`/api/v1/projects/${projectId}`).expect(200)).body;
    expect(project).toMatchObject({ stage: 'SIGNED', signedAt: daysAgo(10) });

    // 资金到位: 1,250.5 万元 → exactly 12,505,000.00 元, shown in 万元.
    await page.getByRole('tab', { name: '资金到位' }).click();
    await page.click('[data-test=add-funding]');
    await page.fill('#funding-wan', '1250.5');
    await page.click('[data-test=funding-submit]');
    await page.getByTestId('funding-total').filter({ hasText: '1,250.50 万元' }).waitFor();
    const fundings = (await officer.api.get(`/api/v1/projects/${projectId}/fundings`).expect(200)).body.items;
    expect(fundings.map((f: { amount: string; currency: string }) => [f.amount, f.currency])).toEqual([['12505000.00', 'CNY']]);
    await shot(page, 'officer-project-fundings');

    // 跟进: a visit today with a follow-up the day after tomorrow sets the reminder.
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await page.fill('#activity-summary', '拜访企业总经理，确认意向面积 800㎡');
    const followDate = new Date(Date.parse(`${districtDate()}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    await typeDate(page, '下次跟进日期', followDate);
    await page.click('[data-test=activity-submit]');
    await toast(page, '下次跟进提醒');
    await page.locator('.el-timeline-item', { hasText: '确认意向面积 800㎡' }).waitFor();
    await page.getByRole('tab', { name: '提醒' }).click();
    await page.locator('[data-test=reminders] .el-table__row', { hasText: '确认意向面积' }).waitFor();
    await shot(page, 'officer-project');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('logs a visit on a phone without sideways scrolling', async () => {
    const p = await createProject(officer.api, { name: '手机跟进测试项目' });
    const page = await signIn(browser, base, officer.username, TEST_PASSWORD, PHONE);
    await page.goto(`${base}/projects/${p.id}`);
    await page.fill('#activity-summary', '电话沟通签约材料');
    await page.click('[data-test=activity-submit]');
    await page.locator('.el-timeline-item', { hasText: '电话沟通签约材料' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-project-timeline');
    await page.context().close();
  });

  it("shows a second officer another officer's project without the buttons that change it, and the API refuses them", async () => {
    const p = await createProject(officer.api, { name: '他人项目权限测试' });
    const other = await t.newUser('OFFICER');
    const page = await signIn(browser, base, other.username, TEST_PASSWORD);
    await page.goto(`${base}/projects/${p.id}`);
    await page.getByTestId('project-title').filter({ hasText: '他人项目权限测试' }).waitFor();
    expect(await page.locator('[data-test=edit-project]').count()).toBe(0);
    expect(await page.locator('[data-test^=move-]').count()).toBe(0);
    expect(await page.locator('[data-test=activity-submit]').count()).toBe(0);
    await other.api.post(`/api/v1/projects/${p.id}/transitions`).send({ to: 'SIGNED' }).expect(403);
    await page.context().close();
  });

  it('says in Chinese that someone else changed the project, lists their change and keeps what was typed', async () => {
    const p = await createProject(officer.api, { name: '并发编辑测试项目' });
    const page = await signIn(browser, base, officer.username, TEST_PASSWORD);
    await page.goto(`${base}/projects/${p.id}`);
    await page.click('[data-test=edit-project]');
    await page.fill('[data-test=project-name]', '并发编辑测试项目（我的修改）');
    // Meanwhile a colleague (here: the same officer in another window) renames it.
    await officer.api.patch(`/api/v1/projects/${p.id}`).send({ version: p.version, name: '并发编辑测试项目（他人的修改）' }).expect(200);
    await page.click('[data-test=project-save]');
    const alert = page.getByTestId('edit-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('刚被其他人修改过');
    expect(await alert.innerText()).toContain('他人的修改');
    expect(await page.inputValue('[data-test=project-name]')).toBe('并发编辑测试项目（我的修改）');
    await shot(page, 'officer-conflict');
    // Saving again applies the user's change over the newer version.
    await page.click('[data-test=project-save]');
    await page.getByTestId('project-title').filter({ hasText: '我的修改' }).waitFor();
    await page.context().close();
  });

  it('brings back the sign-in over the page when the session ends mid-work, keeps the half-filled form and completes the save', async () => {
    const user = await t.newUser('OFFICER');
    const p = await createProject(user.api, { name: '会话过期测试项目' });
    const page = await signIn(browser, base, user.username, TEST_PASSWORD);
    await page.goto(`${base}/projects/${p.id}`);
    await page.fill('#activity-summary', '会话过期前写下的跟进内容');
    // The session ends while the officer types: an admin resets the password, which revokes earlier tokens.
    const account = (await t.admin.api.get(`/api/v1/users/${user.id}`).expect(200)).body;
    await t.admin.api.patch(`/api/v1/users/${user.id}`).send({ version: account.version, password: 'Renewed-passw0rd-2026' }).expect(200);
    await page.click('[data-test=activity-submit]');
    await page.getByTestId('relogin-password').fill('Renewed-passw0rd-2026');
    await shot(page, 'officer-relogin');
    await page.click('[data-test=relogin-submit]');
    await page.locator('.el-timeline-item', { hasText: '会话过期前写下的跟进内容' }).waitFor();
    expect(page.url()).toContain(`/projects/${p.id}`);
    await page.context().close();
  });

  it('shows the row, column and problem of a bad row in a trial import, in Chinese', async () => {
    const page = await signIn(browser, base, officer.username, TEST_PASSWORD);
    await page.goto(`${base}/imports`);
    const good = validUscc();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const csv = `企业名称,统一社会信用代码\n天津导入测试一有限公司,${good}\n天津导入测试二有限公司,${wrong}\n`;
    await page.setInputFiles('[data-test=import-upload] input[type=file]', { name: 'companies.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
    await page.click('[data-test=import-dry-run]');
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const row = errors.locator('.el-table__row').first();
    expect(await row.innerText()).toMatch(new RegExp(`^3\\s+统一社会信用代码\\s+“${wrong}”不正确（应为 18 位，且校验位正确）$`));
    // Nothing was written by the trial run.
    expect((await officer.api.get('/api/v1/companies').query({ q: '天津导入测试' }).expect(200)).body.items).toEqual([]);
    await shot(page, 'officer-import');
    await page.context().close();
  });

  it('keeps the project list filters in the link', async () => {
    const p = await createProject(officer.api, { name: '链接筛选测试项目' });
    await moveProject(officer.api, p.id, 'SIGNED');
    const page = await signIn(browser, base, officer.username, TEST_PASSWORD);
    await page.goto(`${base}/projects?stage=SIGNED&q=${encodeURIComponent('链接筛选')}`);
    await page.locator('[data-test=project-table] .el-table__row', { hasText: '链接筛选测试项目' }).waitFor();
    expect(await page.locator('[data-test=project-table] .el-table__row').count()).toBe(1);
    await shot(page, 'officer-projects');
    await page.context().close();
  });
});
