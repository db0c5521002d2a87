import { districtDate, districtDayStart, getDistrictTimeZone, setDistrictTimeZone } from './district-clock.js';

describe('the district clock', () => {
  const zone = getDistrictTimeZone();
  afterEach(() => setDistrictTimeZone(zone));

  it('begins a Tianjin day at 16:00 UTC of the day before', () => {
    setDistrictTimeZone('Asia/Shanghai');
    expect(districtDayStart('2025-06-01').toISOString()).toBe('2025-05-31T16:00:00.000Z');
    expect(districtDate(districtDayStart('2025-06-01'))).toBe('2025-06-01');
    expect(districtDate(new Date(districtDayStart('2025-06-01').getTime() - 1))).toBe('2025-05-31');
  });

  it('finds midnight across a daylight-saving change', () => {
    setDistrictTimeZone('Europe/Berlin');
    expect(districtDayStart('2025-03-30').toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(districtDayStart('2025-03-31').toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });
});
