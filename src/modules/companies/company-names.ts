/**
 * Company names as people type them differ in ways that do not make another company: full-width
 * or half-width characters, brackets, a region before the name or in brackets (天津…, （北京）), the
 * legal form after it (有限公司, 有限责任公司, 股份有限公司, 集团). The name key drops all of that, so
 * "北京和平金融科技有限公司" and "和平金融科技（北京）股份有限公司" share the key "和平金融科技".
 */

import { stripInvisible } from '../../common/validation/text.js';

/** Provinces and the cities investors come from most, longest first so 北京市 goes before 北京. */
const REGIONS = [
  ...['北京', '天津', '上海', '重庆'].flatMap((c) => [`${c}市`, c]),
  ...[
    '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东',
    '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾',
  ].flatMap((p) => [`${p}省`, p]),
  '内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区', '内蒙古', '广西', '西藏', '宁夏', '新疆',
  '香港特别行政区', '澳门特别行政区', '香港', '澳门',
  ...[
    '石家庄', '唐山', '廊坊', '保定', '沧州', '张家口', '承德', '秦皇岛', '邯郸', '邢台', '衡水', '雄安新区', '雄安', '深圳', '广州', '杭州',
    '南京', '苏州', '武汉', '成都', '西安', '青岛', '大连', '沈阳', '宁波', '厦门', '济南', '郑州', '长沙', '合肥', '福州',
  ].flatMap((c) => (c.endsWith('区') ? [c] : [`${c}市`, c])),
  '和平区', '滨海新区', '中国', '中华',
].sort((a, b) => b.length - a.length);

/** Legal forms and group words at the end of a name, longest first. */
const LEGAL_FORMS = [
  '集团股份有限公司', '集团有限责任公司', '集团有限公司', '股份有限公司', '有限责任公司', '普通合伙企业', '有限合伙企业',
  '合伙企业', '有限公司', '股份公司', '控股集团', '集团公司', '集团', '公司', '有限合伙', '普通合伙', '事务所',
].sort((a, b) => b.length - a.length);

/** Bracketed words that qualify rather than name: a region, a legal form, 中国. */
function isQualifier(inner: string): boolean {
  if (!inner) return true;
  if (REGIONS.includes(inner) || LEGAL_FORMS.includes(inner)) return true;
  return /^(有限合伙|普通合伙|特殊普通合伙|集团|控股|股份|中国|国际)$/.test(inner);
}

/** The comparison key of a company name (see the module comment); never empty for a non-empty name. */
export function companyNameKey(name: string): string {
  // Zero-width and bidi characters first: they made an identical-looking name a different key.
  name = stripInvisible(name);
  let s = name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  s = s.replace(/[【〔［\[｛{<《]/g, '(').replace(/[】〕］\]｝}>》]/g, ')');
  s = s.replace(/\(([^()]*)\)/g, (_m, inner: string) => (isQualifier(inner) ? '' : inner));
  s = s.replace(/[()·・.,，。、'"“”‘’\-_&+/\\]/g, '');
  // A branch (分公司) is its own registration: only a region before its name is dropped.
  const branch = s.endsWith('分公司');
  let changed = true;
  while (changed) {
    changed = false;
    const form = branch ? undefined : LEGAL_FORMS.find((f) => s.length > f.length + 1 && s.endsWith(f));
    const prefix = REGIONS.find((r) => s.length > r.length + 1 && s.startsWith(r));
    // a region just before the legal form: 和平金融科技天津有限公司
    const suffix = branch ? undefined : REGIONS.find((r) => s.length > r.length + 1 && s.endsWith(r));
    if (form) s = s.slice(0, -form.length);
    else if (prefix) s = s.slice(prefix.length);
    else if (suffix) s = s.slice(0, -suffix.length);
    changed = Boolean(form ?? prefix ?? suffix);
  }
  return s || name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/**
 * How alike two name keys are, from 0 to 1: the better of the edit-distance ratio and the
 * bigram overlap (Dice), so one changed character and a swapped word order both score high.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const len = Math.max([...a].length, [...b].length);
  if (len === 0) return 0;
  const edit = 1 - levenshtein(a, b) / len;
  const ba = bigrams(a);
  const bb = bigrams(b);
  const pool = new Map<string, number>();
  for (const g of bb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of ba) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  const dice = ba.length + bb.length === 0 ? 0 : (2 * common) / (ba.length + bb.length);
  return Math.round(Math.max(edit, dice) * 100) / 100;
}

/** From this similarity on, two companies are reported as likely duplicates. */
export const LIKELY_DUPLICATE = 0.8;
