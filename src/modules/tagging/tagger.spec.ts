import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DictionaryIndustry, stripNegations, Tagger } from './tagger.js';

/** The dictionary the service loads (seeds/industries.json) and the labelled business scopes. */
const dictionary = JSON.parse(readFileSync(resolve('seeds/industries.json'), 'utf8')) as DictionaryIndustry[];
const labelled = JSON.parse(readFileSync(resolve('test/fixtures/business-scopes.json'), 'utf8')) as { text: string; industry: string; segment?: string }[];
const tagger = new Tagger(dictionary);

describe('industry tagging', () => {
  it('removes what a business scope excludes before matching', () => {
    expect(stripNegations('软件开发（不含金融信息服务）')).not.toContain('金融');
    expect(stripNegations('企业管理咨询（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）')).not.toContain('批准');
    expect(stripNegations('投资管理。不得从事吸收存款、融资担保、代客理财等金融业务；会议服务')).toContain('会议服务');
    expect(stripNegations('投资管理。不得从事吸收存款、融资担保、代客理财等金融业务；会议服务')).not.toContain('融资担保');
    expect(stripNegations('房地产经纪（除外资）；除尘设备销售')).toContain('除尘设备');
  });

  it('suggests the industry and sub-sector with the matched words, best first', () => {
    const [best, ...rest] = tagger.suggest('一般项目：融资租赁业务；租赁交易咨询；兼营商业保理业务。（不得从事吸收公众存款业务）');
    expect(best).toMatchObject({ industry: 'FINANCE', segment: 'FINANCE_FINANCING_LEASE' });
    expect(best.matched).toEqual(expect.arrayContaining(['融资租赁']));
    expect(rest.every((s) => s.score <= best.score)).toBe(true);
  });

  it('does not tag from an excluded activity', () => {
    const suggestions = tagger.suggest('软件开发；信息系统集成服务（不含金融信息服务、不得从事支付业务）');
    expect(suggestions[0].industry).toBe('SMART_TECH');
    expect(suggestions.some((s) => s.industry === 'FINANCE')).toBe(false);
  });

  it('returns nothing for text without a known word', () => {
    expect(tagger.suggest('这是一段与产业无关的文字')).toEqual([]);
  });

  it(`has top-1 accuracy of at least 90 % on ${labelled.length} labelled business scopes`, () => {
    const known = new Set(dictionary.flatMap((i) => [i.code, ...i.segments.map((s) => s.code)]));
    expect(labelled.length).toBeGreaterThanOrEqual(100);
    expect(labelled.filter((l) => !known.has(l.industry) || (l.segment && !known.has(l.segment)))).toEqual([]);
    let industryHits = 0;
    let segmentHits = 0;
    const misses: string[] = [];
    for (const l of labelled) {
      const top = tagger.suggest(l.text)[0];
      if (top?.industry === l.industry) industryHits++;
      else misses.push(`${l.industry} ← ${top ? `${top.industry}/${top.segment}` : 'nothing'}: ${l.text.slice(0, 40)}`);
      if (top?.segment === l.segment) segmentHits++;
    }
    const industryAccuracy = industryHits / labelled.length;
    const segmentAccuracy = segmentHits / labelled.length;
    // Reported with every run, so the figure in the README can be checked.
    console.log(
      `tagging top-1 accuracy on ${labelled.length} business scopes: industry ${(industryAccuracy * 100).toFixed(1)} %, sub-sector ${(segmentAccuracy * 100).toFixed(1)} %` +
        (misses.length ? `\nmisses:\n  ${misses.join('\n  ')}` : ''),
    );
    expect(industryAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(segmentAccuracy).toBeGreaterThanOrEqual(0.75);
  });
});
