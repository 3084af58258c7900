import { Resvg } from '@resvg/resvg-js';
import { axisCaption, radarSvg, RadarSvgInput, radarTitle } from './radar-svg';

const FONT_FILE =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** 王磊's six axes: one never measured, one with no peer to rank against. */
const INPUT: RadarSvgInput = {
  name: '王磊 <一组> & "A"',
  from: '2026-11-01',
  to: '2026-12-01',
  axes: [
    { label: '首响速度', value: 50, teamPercentile: 50 },
    { label: '行动合规', value: 50, teamPercentile: null },
    { label: '赢单率', value: 75, teamPercentile: 100 },
    { label: '价格纪律', value: 97.5, teamPercentile: 0 },
    { label: '跟进深度', value: 66.67, teamPercentile: 100 },
    { label: '复购', value: null, teamPercentile: null },
  ],
};

const render = (svg: string) =>
  new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
  }).render();

describe('rep radar SVG', () => {
  const svg = radarSvg(INPUT);

  it('titles the radar in Chinese with the rep and the range, the name XML-escaped', () => {
    expect(radarTitle('王磊', '2026-11-01', '2026-12-01')).toBe(
      '销售雷达：王磊 2026-11-01 至 2026-12-01',
    );
    expect(svg).toContain(
      '<title>销售雷达：王磊 &lt;一组&gt; &amp; &quot;A&quot; 2026-11-01 至 2026-12-01</title>',
    );
    expect(svg).not.toContain('<一组>');
  });

  it('labels every axis in Chinese with its value and team percentile', () => {
    for (const label of ['首响速度', '行动合规', '赢单率', '价格纪律', '跟进深度', '复购']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain('>97.5（团队百分位 0）</text>');
    expect(svg).toContain('>50（无团队对比）</text>');
    expect(svg).toContain('>无数据</text>');
    expect(svg.match(/<g class="axis">/g)).toHaveLength(6);
  });

  it('puts each value along its spoke, clockwise from the top, an unmeasured one at the centre', () => {
    // Width 760, centre (380, 350), radius 180: 首响 50 → 90 up; 复购 (last) none → the centre.
    const points = /<polygon class="rep" points="([^"]+)"/.exec(svg)![1].split(' ');
    expect(points[0]).toBe('380,260');
    // 价格纪律 is the fourth spoke, straight down: 97.5 → 175.5 below the centre.
    expect(points[3]).toBe('380,525.5');
    expect(points[5]).toBe('380,350');
    expect(svg.match(/<circle /g)).toHaveLength(5);
  });

  it('captions a value without a percentile, and a missing value', () => {
    expect(axisCaption({ label: '复购', value: 33.33, teamPercentile: 50 })).toBe(
      '33.33（团队百分位 50）',
    );
    expect(axisCaption({ label: '复购', value: 0, teamPercentile: null })).toBe('0（无团队对比）');
    expect(axisCaption({ label: '复购', value: null, teamPercentile: null })).toBe('无数据');
  });

  it('rasterises to its declared size with the bundled Noto Sans SC, the title drawn', () => {
    const [, width, height] = /width="(\d+)" height="(\d+)" viewBox/.exec(svg)!.map(Number);
    const image = render(svg);
    expect([image.width, image.height]).toEqual([width, height]);
    // Read once: each read of `pixels` copies the whole image out of resvg.
    const pixels = image.pixels;
    let dark = 0;
    // The title's baseline is y = 40.
    for (let y = 22; y < 44; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = (y * image.width + x) * 4;
        if (pixels[i] < 128 && pixels[i + 1] < 128) dark++;
      }
    }
    expect(dark).toBeGreaterThan(200);
  });
});
