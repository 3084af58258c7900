import { Resvg } from '@resvg/resvg-js';
import { BLUES, NO_VALUE_FILL } from './colour-scale';
import {
  escapeXml,
  groupThousands,
  heatmapSvg,
  HeatmapSvgInput,
  heatmapTitle,
  textWidth,
} from './heatmap-svg';

const FONT_FILE =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** Two stores: 西湖 with 2 reps and 9,000.00; 滨江 with none. */
const INPUT: HeatmapSvgInput = {
  from: '2026-11-01',
  to: '2026-12-01',
  groupBy: 'store',
  rows: [
    { name: '西湖烘焙店', headcount: 2, revenue: '9000.00', perCapitaRevenue: '4500.00' },
    {
      name: '城西 <旗舰> 店 & "仓"',
      headcount: 1,
      revenue: '1234567.50',
      perCapitaRevenue: '1234567.50',
    },
    { name: '滨江烘焙店', headcount: 0, revenue: '0.00', perCapitaRevenue: null },
  ],
};

const render = (svg: string) =>
  new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
  }).render();

describe('heatmap SVG', () => {
  const svg = heatmapSvg(INPUT);

  it('titles the chart in Chinese with its range', () => {
    expect(heatmapTitle('2026-11-01', '2026-12-01')).toBe(
      '人均业绩热力图 2026-11-01 至 2026-12-01',
    );
    expect(svg).toContain('<title>人均业绩热力图 2026-11-01 至 2026-12-01</title>');
    expect(svg).toContain('>门店</text>');
    expect(svg).toContain('>人均业绩（元）</text>');
  });

  it('prints each figure in its cell, money with thousands separators', () => {
    for (const figure of ['>2<', '>9,000.00<', '>4,500.00<', '>1,234,567.50<', '>0.00<', '>—<']) {
      expect(svg).toContain(figure);
    }
    expect(svg.match(/<g class="row">/g)).toHaveLength(3);
  });

  it('XML-escapes names', () => {
    expect(svg).toContain('城西 &lt;旗舰&gt; 店 &amp; &quot;仓&quot;');
    expect(svg).not.toContain('<旗舰>');
  });

  it('colours each column on its own scale; a unit with no rep gets grey per capita', () => {
    // Per capita: 4,500.00 is the column's minimum (lightest), 1,234,567.50 its maximum (darkest).
    expect(svg).toContain(`fill="${BLUES[8]}"`);
    expect(svg).toContain(`fill="${NO_VALUE_FILL}"`);
    // Headcount 0 … 2: 西湖 (2) darkest, 城西 (1) at 4.5 / 9 → class 4, 滨江 (0) lightest.
    // Revenue 0 … 1,234,567.50: 西湖's 9,000.00 is under 1/9 of the span → class 0.
    const cells = [
      ...svg.matchAll(/<rect [^>]*width="140" height="36" fill="(#[0-9a-f]{6})"/g),
    ].map((m) => m[1]);
    const [light, mid, dark] = [BLUES[0], BLUES[4], BLUES[8]];
    expect(cells).toEqual([dark, light, light, mid, dark, dark, light, light, NO_VALUE_FILL]);
  });

  it('has a legend of the nine classes', () => {
    for (const fill of BLUES) expect(svg).toContain(`width="28" height="28" fill="${fill}"`);
    expect(svg).toContain('>低<');
    expect(svg).toContain('>高<');
  });

  it('says so when there is no row', () => {
    const empty = heatmapSvg({ ...INPUT, rows: [] });
    expect(empty).toContain('>无数据<');
    expect(render(empty).width).toBeGreaterThan(0);
  });

  it('rasterises to a PNG of its declared size with the bundled Noto Sans SC', () => {
    const [, width, height] = /width="(\d+)" height="(\d+)" viewBox/.exec(svg)!.map(Number);
    const image = render(svg);
    expect(image.width).toBe(width);
    expect(image.height).toBe(height);
    const png = image.asPng();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.length).toBeGreaterThan(1000);
  });

  it('draws the Chinese names: the title band holds dark pixels, not just the background', () => {
    const image = render(svg);
    const pixels = image.pixels;
    let dark = 0;
    // The title's baseline is y = 40; scan rows 22 … 44 across the width.
    for (let y = 22; y < 44; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = (y * image.width + x) * 4;
        if (pixels[i] < 128 && pixels[i + 1] < 128) dark++;
      }
    }
    expect(dark).toBeGreaterThan(200);
  });
});

describe('heatmap SVG helpers', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  it('groups thousands', () => {
    expect(groupThousands('0.00')).toBe('0.00');
    expect(groupThousands('999.99')).toBe('999.99');
    expect(groupThousands('1000.00')).toBe('1,000.00');
    expect(groupThousands('1234567.50')).toBe('1,234,567.50');
    expect(groupThousands('-1234.00')).toBe('-1,234.00');
    expect(groupThousands('12')).toBe('12');
  });

  it('measures CJK at a full em, Latin at about half', () => {
    expect(textWidth('西湖烘焙店', 14)).toBe(70);
    expect(textWidth('ab', 10)).toBe(12);
  });
});
