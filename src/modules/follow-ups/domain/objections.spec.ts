import { DEFAULT_SETTINGS } from '../../../core/settings/domain/settings';
import { extractObjections, sentencesOf } from './objections';

const keywords = DEFAULT_SETTINGS.objectionKeywords;

describe('sentencesOf', () => {
  it('splits on Chinese and Western sentence ends and line breaks', () => {
    expect(sentencesOf('第一句。第二句！第三句？\nfourth; fifth')).toEqual([
      '第一句',
      '第二句',
      '第三句',
      'fourth',
      'fifth',
    ]);
  });
});

describe('extractObjections', () => {
  it('finds the objections of a distributor visit, each with its sentence', () => {
    const summary =
      '拜访杭州精工配件采购部王经理。对方认为我们的报价比别家贵了8%左右，希望再给3个点折扣；' +
      '另外提出账期要从30天延长到60天月结。';
    expect(extractObjections([summary], keywords)).toEqual([
      { category: 'price', quote: '对方认为我们的报价比别家贵了8%左右，希望再给3个点折扣' },
      { category: 'competitor', quote: '对方认为我们的报价比别家贵了8%左右，希望再给3个点折扣' },
      { category: 'payment', quote: '另外提出账期要从30天延长到60天月结' },
    ]);
  });

  it('reads the transcript segments as well as the summary', () => {
    const objections = extractObjections(
      [
        '门店店长反馈上月新品销量一般，需要总部支持。',
        '上次那批奶油到货晚了两天，周末差点断货。',
        '你们售后响应太慢了，打电话半天没人接。',
      ],
      keywords,
    );
    expect(objections).toEqual([
      { category: 'delivery', quote: '上次那批奶油到货晚了两天，周末差点断货' },
      { category: 'service', quote: '你们售后响应太慢了，打电话半天没人接' },
    ]);
  });

  it('finds a quality complaint in a medical-device call', () => {
    expect(
      extractObjections(
        ['科室反映上周有两台监护仪出现故障，要求先解决质量问题再谈续约。'],
        keywords,
      ),
    ).toEqual([
      {
        category: 'quality',
        quote: '科室反映上周有两台监护仪出现故障，要求先解决质量问题再谈续约',
      },
    ]);
  });

  it('lists a category once per sentence however many keywords it holds', () => {
    expect(extractObjections(['价格太贵，预算不够。'], keywords)).toEqual([
      { category: 'price', quote: '价格太贵，预算不够' },
    ]);
  });

  it('gives nothing for minutes without disagreement', () => {
    expect(extractObjections(['客户对方案很满意，约定下周签合同。'], keywords)).toEqual([]);
  });

  it('uses the configured dictionary, case-insensitively, and ignores empty keywords', () => {
    const custom = { ...keywords, competitor: ['', 'Siemens'] };
    expect(extractObjections(['They compared us with siemens.'], custom)).toEqual([
      { category: 'competitor', quote: 'They compared us with siemens.' },
    ]);
  });
});
