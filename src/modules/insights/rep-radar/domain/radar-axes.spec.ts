import {
  AXIS_KEYS,
  axisDefinitions,
  axisValues,
  radarAxes,
  radarDefinition,
  RepFigures,
} from './radar-axes';

/** 2 of 4 inquiries within target, 1 of 2 promises kept, 3 quotes won of 4, … */
const FIGURES: RepFigures = {
  firstResponse: { within: 2, counted: 4 },
  compliance: { due: 3, fulfilled: 2 },
  closedQuotes: { won: 3, lost: 1 },
  offeredQuotes: { meanDiscountPct: '2.5000000000000000' },
  followUps: { count: 3, withTranscript: 2, withObjections: 2 },
  repurchase: { base: 3, repurchased: 1 },
};

/** A rep with nothing in the range. */
const NO_FIGURES: RepFigures = {
  firstResponse: { within: 0, counted: 0 },
  compliance: { due: 0, fulfilled: 0 },
  closedQuotes: { won: 0, lost: 0 },
  offeredQuotes: { meanDiscountPct: null },
  followUps: { count: 0, withTranscript: 0, withObjections: 0 },
  repurchase: { base: 0, repurchased: 0 },
};

describe('rep radar axes', () => {
  it('puts each figure on 0–100, half-up to 2 places', () => {
    expect(axisValues(FIGURES)).toEqual({
      first_response: 50,
      compliance: 66.67,
      win_rate: 75,
      price_discipline: 97.5,
      follow_up_depth: 66.67,
      repurchase: 33.33,
    });
  });

  it('inverts the mean discount exactly, with no binary rounding', () => {
    const meanOf = (meanDiscountPct: string) =>
      axisValues({ ...FIGURES, offeredQuotes: { meanDiscountPct } }).price_discipline;
    expect(meanOf('0')).toBe(100);
    expect(meanOf('6.6666666666666667')).toBe(93.33);
    expect(meanOf('12.345')).toBe(87.66);
  });

  it('counts a transcript and an objection as a point each of a follow-up’s two', () => {
    const depthOf = (withTranscript: number, withObjections: number) =>
      axisValues({ ...FIGURES, followUps: { count: 4, withTranscript, withObjections } })
        .follow_up_depth;
    expect(depthOf(4, 4)).toBe(100);
    expect(depthOf(4, 0)).toBe(50);
    expect(depthOf(1, 0)).toBe(12.5);
  });

  it('gives null, not 0, for an axis with nothing to measure', () => {
    expect(Object.values(axisValues(NO_FIGURES))).toEqual(AXIS_KEYS.map(() => null));
  });

  it('ranks each axis among the peers, in the axes’ order, with its label and definition', () => {
    const rep = axisValues(FIGURES);
    const peer = { ...axisValues(NO_FIGURES), first_response: 100, win_rate: 0, repurchase: 33.33 };
    const axes = radarAxes(rep, [peer], axisDefinitions(15), 'zh');
    expect(axes.map(({ key, label, teamPercentile }) => [key, label, teamPercentile])).toEqual([
      ['first_response', '首响速度', 0],
      ['compliance', '行动合规', null],
      ['win_rate', '赢单率', 100],
      ['price_discipline', '价格纪律', null],
      ['follow_up_depth', '跟进深度', null],
      ['repurchase', '复购', 50],
    ]);
    expect(axes[0]).toMatchObject({ value: 50, definition: axisDefinitions(15).first_response.zh });
  });

  it('states the target, the base period and the percentile rule in its definitions', () => {
    const definitions = axisDefinitions(15);
    expect(definitions.first_response.en).toContain('within 15 minutes');
    expect(definitions.first_response.zh).toContain('15 分钟');
    expect(definitions.repurchase.en).toContain('4 weeks before the range');
    expect(definitions.price_discipline.zh).toContain('草稿除外');
    const { en, zh } = radarDefinition({
      from: '2026-11-01',
      to: '2026-12-01',
      timezone: 'Asia/Shanghai',
    });
    expect(en).toContain('2026-11-01 00:00 (inclusive) to 2026-12-01 00:00 (exclusive)');
    expect(en).toContain('an equal value counting half');
    expect(zh).toContain('相等者计一半');
  });
});
