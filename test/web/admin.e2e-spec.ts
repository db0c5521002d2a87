import { jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createBuilding } from '../factories/buildings.factory.js';
import { createCompany } from '../factories/records.factory.js';
import { ADMIN_TEST_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, openWorkbench, pageErrors, shot, signIn, toast } from './browser.js';

jest.setTimeout(120_000);

/** Clicks the confirm button of the Element Plus message box that asks before an act. */
async function confirmBox(page: Page, label: string): Promise<void> {
  await page.locator('.el-message-box .el-button--primary', { hasText: label }).click();
}

/** A DingTalk group robot on this machine: records what it is sent, answers as `answer` says. */
function startRobot(): Promise<{ server: Server; url: string; received: { url: string; body: { msgtype: string; markdown: { title: string; text: string } } }[]; answer: { errcode: number; errmsg: string } }> {
  const robot = { received: [] as { url: string; body: { msgtype: string; markdown: { title: string; text: string } } }[], answer: { errcode: 0, errmsg: 'ok' } };
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      robot.received.push({ url: req.url ?? '', body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(robot.answer));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=heping-test-token`;
      resolve(Object.assign(robot, { server, url }));
    }),
  );
}

describeInBrowser('the workbench for an administrator', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    // The test robot listens on this machine: the deployment names it as its own intranet host.
    t = await createTestApp({ ALLOWED_WEBHOOK_HOSTS: '127.0.0.1' });
    ({ base, browser } = await openWorkbench(t));
    page = await signIn(browser, base, 'admin', ADMIN_TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });
  afterEach(() => expect(pageErrors(page)).toEqual([]));

  it('creates a building manager with a building, who then finds it under 我的楼宇; the last admin cannot be demoted', async () => {
    const b = await createBuilding(t.admin.api, { name: '和平大悦城写字楼测试' });
    await page.goto(`${base}/admin/users`);
    await page.click('[data-test=new-user]');
    await page.fill('[data-test=user-username]', 'zhang.lou');
    await page.fill('[data-test=user-display-name]', '张楼管');
    await page.fill('[data-test=user-password]', 'Heping-Building-2026');
    await page.getByTestId('role-BUILDING_MANAGER').click();
    await page.locator('[data-test=user-buildings]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '和平大悦城写字楼测试' }).click();
    await page.keyboard.press('Escape');
    await page.click('[data-test=user-save]');
    await toast(page, '已创建用户 张楼管（楼宇管理员）');
    await page.locator('[data-test=user-table] .el-table__row', { hasText: '和平大悦城写字楼测试' }).waitFor();
    await shot(page, 'admin-users');
    const users = (await t.admin.api.get('/api/v1/users').query({ role: 'BUILDING_MANAGER' }).expect(200)).body.items as { username: string; buildingIds: string[] }[];
    expect(users.find((u) => u.username === 'zhang.lou')?.buildingIds).toEqual([b.id]);

    const manager = await signIn(browser, base, 'zhang.lou', 'Heping-Building-2026');
    await manager.locator('[data-test=building-table] .el-table__row', { hasText: '和平大悦城写字楼测试' }).waitFor();
    await manager.context().close();

    // The only active admin demoting themself: refused, in Chinese.
    await page.click(`[data-test=edit-user-admin]`);
    await page.getByTestId('edit-role-OFFICER').click();
    await page.click('[data-test=user-edit-save]');
    expect(await page.getByTestId('user-edit-error').innerText()).toContain('系统至少要保留一名启用的系统管理员');
    await page.keyboard.press('Escape');
  });

  it('adds a DingTalk robot channel and sends a test message, showing what the robot answered', async () => {
    const robot = await startRobot();
    try {
      await page.goto(`${base}/admin/channels`);
      await page.click('[data-test=new-channel]');
      await page.getByTestId('channel-type-DINGTALK').click();
      await page.fill('[data-test=channel-name]', '招商一组钉钉群');
      await page.fill('[data-test=channel-url]', robot.url);
      await page.click('[data-test=channel-save]');
      await toast(page, '已添加渠道“招商一组钉钉群”');
      const card = page.getByTestId('channel-招商一组钉钉群');
      await card.getByTestId('channel-test').click();
      const result = card.getByTestId('channel-test-result');
      await result.waitFor();
      expect(await result.innerText()).toContain('发送成功：机器人应答 errcode=0，errmsg=ok');
      expect(robot.received).toHaveLength(1);
      expect(robot.received[0].url).toContain('access_token=heping-test-token');
      expect(robot.received[0].body).toMatchObject({ msgtype: 'markdown', markdown: { title: '测试消息' } });
      expect(robot.received[0].body.markdown.text).toContain('招商一组钉钉群');
      // The robot refuses the next one (a wrong keyword, say): the page says so with its errcode.
      robot.answer = { errcode: 310000, errmsg: 'keywords not in content' };
      await card.getByTestId('channel-test').click();
      await card.locator('[data-test=channel-test-result]', { hasText: 'errcode=310000' }).waitFor();
      expect(await result.innerText()).toContain('发送失败：机器人拒收了消息');
      await shot(page, 'admin-channels');
      await card.getByTestId('channel-log').click();
      await page.getByTestId('delivery-table').waitFor();
      await shot(page, 'admin-channel-log');
      await page.keyboard.press('Escape');
    } finally {
      robot.server.close();
    }
  });

  it('enters the 十五五 plan with its targets in a form and finds it on the leaders’ dashboard', async () => {
    await page.goto(`${base}/admin/plans`);
    await page.getByTestId('plan-FYP14').waitFor();
    await page.click('[data-test=new-plan]');
    const targets: Record<string, string> = {
      JINGJI_PROJECTS: '260',
      JINGJI_INVESTMENT: '3000000',
      JINGJI_FLOOR_AREA: '800000',
      DOMESTIC_CAPITAL: '4500000',
      FOREIGN_CAPITAL: '60000',
      HIGH_TECH_ENTERPRISES: '420',
      MARKET_ENTITIES: '52000',
    };
    for (const [code, value] of Object.entries(targets)) await page.fill(`[data-test=target-${code}]`, value);
    await page.fill('[data-test=milestone-JINGJI_PROJECTS-2026]', '50');
    await page.fill('[data-test=milestone-JINGJI_PROJECTS-2027]', '105');
    await shot(page, 'admin-plan-form');
    await page.click('[data-test=plan-save]');
    await toast(page, '已录入');
    const card = page.getByTestId('plan-FYP15');
    await card.waitFor();
    expect(await card.innerText()).toContain('2026年 50 个');
    expect(await card.innerText()).toContain('300.00 亿元');
    await shot(page, 'admin-plans');
    const plan = (await t.admin.api.get('/api/v1/plans').expect(200)).body.find((p: { code: string }) => p.code === 'FYP15');
    expect(plan).toMatchObject({ startDate: '2026-01-01', endDate: '2030-12-31' });
    expect(plan.indicators.find((i: { code: string }) => i.code === 'JINGJI_INVESTMENT').target).toBe('30000000000.00');

    await page.goto(`${base}/dashboard`);
    await page.getByText('第十五个五年规划，规划期 2026年1月1日 至 2030年12月31日').waitFor();
    await page.getByText('目标 260').first().waitFor();
    await shot(page, 'admin-dashboard-fyp15');
  });

  it('merges two companies of one group side by side and undoes the merge from the history', async () => {
    const kept = await createCompany(t.admin.api, { name: '天津星海数智科技有限公司' });
    const dup = await createCompany(t.admin.api, { name: '星海数智科技（天津）有限公司', uscc: null });
    await page.goto(`${base}/admin/duplicates`);
    const group = page.getByTestId('duplicate-group').filter({ hasText: '星海数智' });
    await group.waitFor();
    await shot(page, 'admin-duplicates');
    await group.getByTestId('keep-天津星海数智科技有限公司').click();
    await group.getByTestId('merge-星海数智科技（天津）有限公司').click();
    await confirmBox(page, '合并');
    await toast(page, '已合并');
    expect((await t.admin.api.get(`/api/v1/companies/${dup.id}`).expect(200)).body.archived).toBe(true);

    await page.getByRole('tab', { name: '合并记录' }).click();
    const row = page.locator('[data-test=merge-table] .el-table__row', { hasText: '星海数智科技（天津）有限公司' });
    await row.waitFor();
    await shot(page, 'admin-merge-history');
    await row.getByTestId('merge-undo').click();
    await confirmBox(page, '撤销');
    await toast(page, '已撤销合并');
    await row.filter({ hasText: '撤销' }).getByText('已于').waitFor();
    expect((await t.admin.api.get(`/api/v1/companies/${dup.id}`).expect(200)).body.archived).toBe(false);
    expect((await t.admin.api.get(`/api/v1/companies/${kept.id}`).expect(200)).body.archived).toBe(false);
  });

  it('filters the audit trail by record type and date, shows before and after, and links to the queue board', async () => {
    await page.goto(`${base}/admin/audit?entity=User`);
    const table = page.getByTestId('audit-table');
    // In Chinese: the action (user.create), and the fields changed (displayName, role).
    await table.locator('.el-table__row', { hasText: '用户·新建' }).first().waitFor();
    expect(await table.locator('.el-table__row', { hasText: 'user.create' }).count()).toBe(0);
    await table.locator('.el-table__row', { hasText: '用户·新建' }).first().locator('.el-table__expand-icon').click();
    await page.locator('.inner .el-table__row', { hasText: '姓名' }).first().waitFor();
    await page.locator('.inner .el-table__row', { hasText: '角色' }).first().waitFor();
    expect(await page.locator('.inner .el-table__row', { hasText: 'displayName' }).count()).toBe(0);
    await shot(page, 'admin-audit');
    // A day long past: nothing.
    await page.goto(`${base}/admin/audit?entity=User&from=2020-01-01&to=2020-01-31`);
    await page.locator('[data-test=audit-table] .el-table__empty-text', { hasText: '没有符合条件的操作' }).waitFor();

    await page.goto(`${base}/admin/reference`);
    await page.getByTestId('industry-FINANCE').waitFor();
    await shot(page, 'admin-reference');
    await page.goto(`${base}/admin/queue-board`);
    const href = await page.getByTestId('queue-board-link').getAttribute('href');
    expect(href).toMatch(/^\/admin\/queues\?token=/);
    const board = await page.request.get(`${base}${href}`);
    expect(board.status()).toBe(200);
    await shot(page, 'admin-queues');
  });
});
