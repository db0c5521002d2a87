import { area, count, money, type Currency } from '@/utils/format';

/** How leaders read each unit of the plan's indicators: 亿元 / 万元, 万美元, 万㎡, 个 / 家 / 户. */
export function formatFigure(value: string | number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'CNY' || unit === 'USD') return money(value, unit as Currency);
  if (unit === 'M2') return area(value);
  const measure = ({ PROJECTS: '个', COMPANIES: '家', ENTITIES: '户' } as Record<string, '个' | '家' | '户'>)[unit];
  return count(Math.round(Number(value)), measure ?? '个');
}

/** Chart axes: money in 万元 (or 万美元), areas in ㎡, counts as they are. */
export function chartScale(unit: string): { div: number; name: string } {
  if (unit === 'CNY') return { div: 1e4, name: '万元' };
  if (unit === 'USD') return { div: 1e4, name: '万美元' };
  if (unit === 'M2') return { div: 1, name: '㎡' };
  return { div: 1, name: ({ PROJECTS: '个', COMPANIES: '家', ENTITIES: '户' } as Record<string, string>)[unit] ?? '' };
}

/** Status words: a running period is ahead / on track / behind; a finished one achieved or missed. */
export const STATUS_ZH: Record<string, { text: string; type: 'success' | 'primary' | 'danger' | 'info' | 'warning' }> = {
  AHEAD: { text: '超前', type: 'success' },
  ON_TRACK: { text: '正常', type: 'primary' },
  BEHIND: { text: '滞后', type: 'danger' },
  ACHIEVED: { text: '已完成', type: 'success' },
  MISSED: { text: '未完成', type: 'danger' },
  NOT_ENTERED: { text: '未填报', type: 'info' },
};

export const BREAKDOWN_BY: { value: string; label: string }[] = [
  { value: 'industry', label: '按产业' },
  { value: 'zone', label: '按功能区' },
  { value: 'origin', label: '按来源地' },
  { value: 'source', label: '按线索来源' },
  { value: 'owner', label: '按负责人' },
  { value: 'firstContact', label: '按首谈人' },
  { value: 'year', label: '按年度' },
];
