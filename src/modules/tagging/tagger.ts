/**
 * Industry tagging from free text such as a business scope (经营范围): the keyword dictionary of the
 * six industries and their sub-sectors (seeds/industries.json) matched against the text, after the
 * clauses that say what the company may NOT do are removed. Pure, so it is measured on a labelled set.
 */

export interface DictionaryIndustry {
  code: string;
  keywords: string[];
  segments: { code: string; keywords: string[] }[];
}

export interface Suggestion {
  industry: string;
  /** null when only the industry's general keywords matched */
  segment: string | null;
  /** 0–1: the industry's share of all matched weight, scaled by the sub-sector's share within it */
  score: number;
  /** the dictionary words found in the text */
  matched: string[];
}

interface Entry {
  keyword: string;
  targets: { industry: string; segment: string | null }[];
}

/**
 * Business-scope boilerplate that nearly every company lists after its main business (trade
 * agency, management consulting, software…): it counts, but far less, so it does not outvote
 * the first items.
 */
const SIDE_ITEMS = new Set([
  '货物进出口', '技术进出口', '进出口代理', '企业管理咨询', '企业管理', '信息咨询', '社会经济咨询服务', '市场营销策划', '会议及展览服务',
  '广告设计', '广告制作', '广告发布', '组织文化艺术交流活动', '信息技术咨询服务', '计算机系统服务', '软件开发', '软件销售', '日用百货销售',
  '五金产品批发', '电子产品批发', '互联网销售', '数据处理和存储支持服务', '商务服务', '专业服务', '文化', '健康', '互联网', '人力资源',
  '咨询策划服务', '企业形象策划', '平面设计', '图文设计制作', '办公服务', '业务培训', '物业管理', '住房租赁', '非居住房地产租赁',
]);
const SIDE_WEIGHT = 0.25;

/** Markers of a clause that excludes rather than includes. */
const NEGATION = /不含|不包括|不包含|不得|不从事|不涉及|不经营|禁止|除外|除(?!湿|尘|臭|草|虫|锈|雪|螨|甲醛)/;

/**
 * Removes what the scope says the company does not do: bracketed exclusions （不含…）（除…）, the
 * licence boilerplate （依法须经批准的项目…）, "除…外" and sentences from 不得/不含/禁止 to their end.
 */
export function stripNegations(text: string): string {
  let s = text.normalize('NFKC');
  // Innermost brackets first, so a nested exclusion goes with its clause.
  let before: string;
  do {
    before = s;
    s = s.replace(/\(([^()]*)\)/g, (_m, inner: string) =>
      NEGATION.test(inner) || /批准|许可|凭|须经|审批|备案/.test(inner) ? '；' : ` ${inner} `,
    );
  } while (s !== before);
  s = s.replace(/除[^；;。，,]*?(?:以外|外)[，,]?/g, '；');
  s = s.replace(/(?:不含|不包括|不包含|不得|不从事|不涉及|不经营|禁止)[^；;。\n]*/g, '；');
  return s;
}

/** A compiled dictionary: every keyword once, with the industries and sub-sectors it names. */
export class Tagger {
  private readonly entries: Entry[];

  constructor(dictionary: DictionaryIndustry[]) {
    const byKeyword = new Map<string, Entry>();
    const add = (keyword: string, industry: string, segment: string | null): void => {
      const k = keyword.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
      if (!k) return;
      const e = byKeyword.get(k) ?? { keyword: k, targets: [] };
      if (!e.targets.some((t) => t.industry === industry && t.segment === segment)) e.targets.push({ industry, segment });
      byKeyword.set(k, e);
    };
    for (const i of dictionary) {
      for (const k of i.keywords) add(k, i.code, null);
      for (const s of i.segments) for (const k of s.keywords) add(k, i.code, s.code);
    }
    // Longest first: a long keyword claims its characters before a shorter one inside it can.
    this.entries = [...byKeyword.values()].sort((a, b) => [...b.keyword].length - [...a.keyword].length);
  }

  suggest(text: string, limit = 5): Suggestion[] {
    const items = stripNegations(text)
      .toLowerCase()
      .split(/[、；;，,。:：\n\r\t]+|一般项目|许可项目|经营范围/)
      .map((s) => s.replace(/\s+/g, ''))
      .filter(Boolean);
    const industryScore = new Map<string, number>();
    const segmentScore = new Map<string, number>();
    const matched = new Map<string, Set<string>>();
    const note = (key: string, keyword: string): void => {
      const set = matched.get(key) ?? new Set<string>();
      set.add(keyword);
      matched.set(key, set);
    };
    items.forEach((item, index) => {
      // Scopes list the main business first.
      const position = 1 / (1 + 0.15 * index);
      const taken = new Array<boolean>(item.length).fill(false);
      for (const e of this.entries) {
        let from = item.indexOf(e.keyword);
        while (from >= 0) {
          const to = from + e.keyword.length;
          if (!taken.slice(from, to).some(Boolean)) {
            taken.fill(true, from, to);
            const weight = position * Math.min([...e.keyword].length, 8) * (SIDE_ITEMS.has(e.keyword) ? SIDE_WEIGHT : 1);
            for (const t of e.targets) {
              industryScore.set(t.industry, (industryScore.get(t.industry) ?? 0) + weight / e.targets.length);
              note(t.industry, e.keyword);
              if (t.segment) {
                segmentScore.set(t.segment, (segmentScore.get(t.segment) ?? 0) + weight / e.targets.length);
                note(`${t.industry}/${t.segment}`, e.keyword);
              }
            }
            break;
          }
          from = item.indexOf(e.keyword, from + 1);
        }
      }
    });
    const total = [...industryScore.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return [];
    const out: Suggestion[] = [];
    for (const [industry, score] of industryScore) {
      const share = score / total;
      const segments = [...segmentScore.entries()].filter(([key]) => matched.has(`${industry}/${key}`));
      const general = [...(matched.get(industry) ?? [])].filter((k) => !segments.some(([seg]) => matched.get(`${industry}/${seg}`)?.has(k)));
      if (segments.length === 0) {
        out.push({ industry, segment: null, score: round(share), matched: general });
        continue;
      }
      const top = Math.max(...segments.map(([, v]) => v));
      for (const [segment, v] of segments) {
        out.push({ industry, segment, score: round(share * (v / top)), matched: [...(matched.get(`${industry}/${segment}`) ?? []), ...general] });
      }
    }
    return out.sort((a, b) => b.score - a.score || (industryScore.get(b.industry) ?? 0) - (industryScore.get(a.industry) ?? 0)).slice(0, limit);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
