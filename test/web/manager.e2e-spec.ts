import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { districtDate } from '../../src/common/time/district-clock.js';
import { newId } from '../../src/common/identity/ids.js';
import { Building } from '../../src/modules/buildings/building.entity.js';
import { VacancySnapshot } from '../../src/modules/buildings/vacancy-snapshot.entity.js';
import { createBuilding, createUnit } from '../factories/buildings.factory.js';
import { createCompany } from '../factories/records.factory.js';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app.js';
import { describeInBrowser, openWorkbench, pageErrors, shot, signIn, toast } from './browser.js';

jest.setTimeout(120_000);

/** The district's date `n` days from today (negative: before). */
function dayFromToday(n: number): string {
  const d = new Date(`${districtDate()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Picks an option of the Element Plus select found by `selector`. */
async function pick(page: Page, selector: string, label: string): Promise<void> {
  await page.locator(selector).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

describeInBrowser('the workbench for a building manager', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let manager: TestUser;
  let colleague: TestUser;

  /** A building managed by `managers`: floors 10–12, vacant, reserved, leased (lease ending in 20 days) and unavailable units. */
  async function building(managers: TestUser[], name: string) {
    const b = await createBuilding(t.admin.api, { name, managerIds: managers.map((m) => m.id) });
    const tenant = await createCompany(t.admin.api, { name: `${name}租户科技有限公司` });
    const units = {
      a: await createUnit(t.admin.api, b.id, { code: '1201', floor: 12, area: 420, askingRent: '5.20' }),
      b: await createUnit(t.admin.api, b.id, { code: '1202', floor: 12, area: 180, status: 'LEASED', tenantCompanyId: tenant.id, leaseStart: dayFromToday(-700), leaseEnd: dayFromToday(20) }),
      c: await createUnit(t.admin.api, b.id, { code: '1101', floor: 11, area: 650, status: 'RESERVED' }),
      d: await createUnit(t.admin.api, b.id, { code: '1102', floor: 11, area: 120, askingRent: '4.80' }),
      e: await createUnit(t.admin.api, b.id, { code: '1001', floor: 10, area: 300, status: 'UNAVAILABLE' }),
      f: await createUnit(t.admin.api, b.id, { code: '1002', floor: 10, area: 520, status: 'LEASED', tenantCompanyId: tenant.id, leaseStart: dayFromToday(-300), leaseEnd: dayFromToday(400) }),
    };
    return { ...b, units, tenant };
  }
  /** The building's last vacancy confirmation set `days` ago (as if nobody had looked since). */
  async function confirmedDaysAgo(id: string, days: number): Promise<void> {
    await t.dataSource.getRepository(Building).update({ id }, { vacancyUpdatedAt: new Date(Date.now() - days * 86_400_000) });
  }

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.newUser('BUILDING_MANAGER');
    colleague = await t.newUser('BUILDING_MANAGER');
    ({ base, browser } = await openWorkbench(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('lists my buildings with vacancy figures and a warning past 30 days, and edits a unit on the 房态图', async () => {
    const b = await building([manager], '和平金融中心测试楼');
    await confirmedDaysAgo(b.id, 45);
    await building([colleague], '他人管理的测试楼');
    const page = await signIn(browser, base, manager.username, TEST_PASSWORD);
    await page.waitForURL('**/buildings');
    const row = page.locator('[data-test=building-table] .el-table__row', { hasText: '和平金融中心测试楼' });
    await row.waitFor();
    // Only my building is listed; vacant 420 + 650 + 120 = 1,190 of 1,890 leasable m² (the unavailable 300 m² aside).
    expect(await page.locator('[data-test=building-table] .el-table__row').count()).toBe(1);
    expect(await row.innerText()).toContain('63.0%');
    expect(await row.innerText()).toContain('超过30天');
    expect(await row.innerText()).toContain('1 套');
    await shot(page, 'manager-buildings');

    await row.getByTestId('building-link').click();
    await page.getByTestId('stacking-plan').waitFor();
    await page.getByTestId('unit-1202').filter({ hasText: '租户科技' }).waitFor();
    await shot(page, 'manager-stacking-plan');
    await page.getByTestId('unit-1201').click();
    await page.getByTestId('status-RESERVED').click();
    await page.fill('[data-test=unit-rent]', '5.80');
    await page.click('[data-test=unit-save]');
    await toast(page, '房源 1201 已保存');
    await page.locator('[data-test=unit-1201][data-status=RESERVED]').waitFor();
    const unit = (await manager.api.get(`/api/v1/units/${b.units.a.id}`).expect(200)).body;
    expect(unit).toMatchObject({ status: 'RESERVED', askingRent: '5.80', version: b.units.a.version + 1 });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('tells the second of two managers editing the same unit that the first changed it, with their values, keeping what was typed', async () => {
    const b = await building([manager, colleague], '双管理员测试楼');
    const first = await signIn(browser, base, manager.username, TEST_PASSWORD);
    const second = await signIn(browser, base, colleague.username, TEST_PASSWORD);
    for (const page of [first, second]) {
      await page.goto(`${base}/buildings/${b.id}`);
      await page.getByTestId('unit-1102').click();
      await page.locator('[data-test=unit-rent]').waitFor();
    }
    await first.fill('[data-test=unit-rent]', '6.10');
    await first.click('[data-test=unit-save]');
    await toast(first, '已保存');
    await second.fill('[data-test=unit-rent]', '5.50');
    await second.getByTestId('status-UNAVAILABLE').click();
    await second.click('[data-test=unit-save]');
    const alert = second.getByTestId('unit-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('刚被其他人修改过');
    expect(await alert.innerText()).toContain('租金：4.80 元/㎡·天 → 6.10 元/㎡·天');
    expect(await second.inputValue('[data-test=unit-rent]')).toBe('5.50');
    await shot(second, 'manager-unit-conflict');
    // Nothing of the second manager's was written; saving again applies it over the first's change.
    expect((await colleague.api.get(`/api/v1/units/${b.units.d.id}`).expect(200)).body).toMatchObject({ askingRent: '6.10', status: 'VACANT' });
    await second.click('[data-test=unit-save]');
    await toast(second, '已保存');
    expect((await colleague.api.get(`/api/v1/units/${b.units.d.id}`).expect(200)).body).toMatchObject({ askingRent: '5.50', status: 'UNAVAILABLE' });
    await first.context().close();
    await second.context().close();
  });

  it('saves nothing from a monthly sheet with one bad row and marks that row with its reason', async () => {
    const b = await building([manager], '月度确认测试楼');
    const page = await signIn(browser, base, manager.username, TEST_PASSWORD);
    await page.goto(`${base}/buildings/${b.id}?tab=sheet`);
    await page.getByTestId('sheet-status-1201').waitFor();
    // A good change (1201 let) and a bad one (a monthly rent typed into 1102's daily rent).
    await pick(page, '[data-test=sheet-status-1201]', '已租');
    await page.fill('[data-test=sheet-rent-1102]', '150');
    await page.click('[data-test=sheet-save]');
    const summary = page.getByTestId('sheet-error');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('有 1 行填写有误，本次没有保存任何内容');
    expect(await page.getByTestId('sheet-problem-1102').innerText()).toContain('租金应为每平方米每天的租金');
    expect(await page.locator('[data-test^=sheet-problem-]').count()).toBe(1);
    await shot(page, 'manager-vacancy-sheet-error');
    const units = (await manager.api.get(`/api/v1/buildings/${b.id}/units`).expect(200)).body.items as { code: string; status: string; askingRent: string | null; version: number }[];
    expect(units.find((u) => u.code === '1201')).toMatchObject({ status: 'VACANT', version: b.units.a.version });
    expect(units.find((u) => u.code === '1102')).toMatchObject({ askingRent: '4.80', version: b.units.d.version });
    // Corrected, the whole sheet goes through.
    await page.fill('[data-test=sheet-rent-1102]', '5.00');
    await page.click('[data-test=sheet-save]');
    await toast(page, '2 套有变化');
    expect((await manager.api.get(`/api/v1/units/${b.units.a.id}`).expect(200)).body.status).toBe('LEASED');
    await page.context().close();
  });

  it('"确认无变化" confirms the whole building in one click and clears the 30-day warning', async () => {
    const b = await building([manager], '确认无变化测试楼');
    await confirmedDaysAgo(b.id, 40);
    const before = (await manager.api.get(`/api/v1/buildings/${b.id}`).expect(200)).body.vacancyUpdatedAt as string;
    const page = await signIn(browser, base, manager.username, TEST_PASSWORD);
    await page.goto(`${base}/buildings/${b.id}?tab=sheet`);
    await page.locator('.el-alert', { hasText: '已超过 30 天未确认' }).waitFor();
    await shot(page, 'manager-vacancy-sheet');
    await page.click('[data-test=confirm-unchanged]');
    await toast(page, '已确认本月无变化：0 套有变化，6 套无变化');
    await page.locator('.el-alert', { hasText: '已超过 30 天未确认' }).waitFor({ state: 'detached' });
    const after = (await manager.api.get(`/api/v1/buildings/${b.id}`).expect(200)).body.vacancyUpdatedAt as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before) + 39 * 86_400_000);
    expect(Date.now() - Date.parse(after)).toBeLessThan(60_000);
    const today = districtDate();
    expect(await page.getByTestId('detail-confirmed-at').innerText()).toContain(today);
    await page.context().close();
  });

  it("shows another manager's building read-only and the API refuses a change", async () => {
    const theirs = await building([colleague], '只读测试楼');
    const page = await signIn(browser, base, manager.username, TEST_PASSWORD);
    await page.goto(`${base}/buildings/${theirs.id}`);
    await page.getByTestId('readonly-tag').waitFor();
    await page.getByTestId('unit-1201').click();
    await page.waitForTimeout(300);
    expect(await page.locator('[data-test=unit-save]').count()).toBe(0);
    await page.getByRole('tab', { name: '月度空置确认' }).click();
    await page.getByTestId('sheet-table').waitFor();
    expect(await page.locator('[data-test=sheet-save]').count()).toBe(0);
    expect(await page.locator('[data-test=confirm-unchanged]').count()).toBe(0);
    await manager.api.patch(`/api/v1/units/${theirs.units.a.id}`).send({ version: theirs.units.a.version, status: 'LEASED' }).expect(403);
    await manager.api.put(`/api/v1/buildings/${theirs.id}/vacancy`).send({ units: [{ code: '1201', status: 'VACANT' }] }).expect(403);
    await page.context().close();
  });

  it('lists the leases ending soon, draws the vacancy history and offers the sheet upload', async () => {
    const b = await building([manager], '趋势测试楼');
    // This month's snapshot taken by the service; five earlier month-ends as the monthly job would have left them.
    await t.admin.api.post('/api/v1/vacancy/snapshots').send({ month: districtDate().slice(0, 7) }).expect(200);
    const earlier = [1640, 1500, 1420, 1300, 1250];
    for (const [i, vacant] of earlier.entries()) {
      const d = new Date(`${districtDate().slice(0, 7)}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - (5 - i));
      const month = d.toISOString().slice(0, 7);
      d.setUTCMonth(d.getUTCMonth() + 1, 0);
      await t.dataSource.getRepository(VacancySnapshot).insert({
        id: newId(),
        buildingId: b.id,
        month,
        asOf: d.toISOString().slice(0, 10),
        unitCount: 6,
        leasableArea: 1890,
        vacantArea: vacant,
        reservedArea: 0,
        leasedArea: 1890 - vacant,
        jingjiArea: 0,
        tenantCount: 1,
        tenantsByIndustry: [],
        takenAt: d,
      });
    }
    const page = await signIn(browser, base, manager.username, TEST_PASSWORD);
    await page.goto(`${base}/leases`);
    await page.locator('[data-test=lease-table] .el-table__row', { hasText: '趋势测试楼' }).first().waitFor();
    expect(await page.locator('[data-test=lease-table] .el-table__row', { hasText: '趋势测试楼' }).first().innerText()).toMatch(/1202[\s\S]*20 天/);
    await shot(page, 'manager-leases');
    await page.goto(`${base}/buildings/${b.id}?tab=history`);
    await page.locator('[data-chart=楼宇空置趋势图] canvas').waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'manager-vacancy-history');
    await page.getByRole('tab', { name: '导入导出' }).click();
    await page.getByTestId('download-units').waitFor();
    const csv = '房号,楼层,面积,状态\n1201,12,420,空置\n1301,13,abc,空置\n';
    await page.setInputFiles('[data-test=unit-upload] input[type=file]', { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
    await page.click('[data-test=unit-dry-run]');
    const errors = page.getByTestId('unit-import-errors');
    await errors.waitFor();
    expect(await errors.locator('.el-table__row').first().innerText()).toMatch(/^3\s+面积/);
    await shot(page, 'manager-unit-upload');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
