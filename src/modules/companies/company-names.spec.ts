import { companyNameKey, LIKELY_DUPLICATE, nameSimilarity } from './company-names.js';

describe('company name key', () => {
  it.each([
    ['北京和平金融科技有限公司', '和平金融科技'],
    ['和平金融科技（北京）有限公司', '和平金融科技'],
    ['和平金融科技(北京)股份有限公司', '和平金融科技'],
    ['天津市和平金融科技有限责任公司', '和平金融科技'],
    ['和平金融科技集团有限公司', '和平金融科技'],
    ['和平金融科技集团', '和平金融科技'],
    ['ＡＢＣ 数据服务有限公司', 'abc数据服务'],
    ['中国人寿保险股份有限公司天津市分公司', '人寿保险股份有限公司天津市分公司'],
    ['（天津）和平佳禾餐饮管理有限公司', '和平佳禾餐饮管理'],
    ['泰恒（天津）投资合伙企业（有限合伙）', '泰恒投资'],
    ['和\u200B平金\u200D融\u202E科技有限公司', '和平金融科技'],
  ])('%s → %s', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  it('never returns an empty key', () => {
    expect(companyNameKey('有限公司')).not.toBe('');
    expect(companyNameKey('北京')).toBe('北京');
  });

  it('scores one changed character of a long name as a likely duplicate and different businesses as not', () => {
    expect(nameSimilarity(companyNameKey('天津和平佳禾餐饮管理有限公司'), companyNameKey('和平嘉禾餐饮管理有限公司'))).toBeGreaterThanOrEqual(LIKELY_DUPLICATE);
    expect(nameSimilarity('和平金融科技发展', '和平金融科技')).toBeGreaterThanOrEqual(LIKELY_DUPLICATE - 0.05);
    expect(nameSimilarity('和平金融科技', '南开医疗器械')).toBeLessThan(0.3);
    expect(nameSimilarity('华夏人寿保险', '华夏银行')).toBeLessThan(LIKELY_DUPLICATE);
    expect(nameSimilarity('abc', 'abc')).toBe(1);
  });
});
