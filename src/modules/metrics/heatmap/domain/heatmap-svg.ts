import { BLUES, cellColours } from './colour-scale';

/**
 * The performance heatmap as an SVG document, built as a string: pure, no
 * DOM, no fonts read. One row per org unit, three figure columns (人数,
 * 业绩, 人均业绩), each cell filled on its own column's sequential scale, so
 * that a large store's revenue does not wash out the per-capita column. The
 * figures are printed in the cells; a legend explains the scale.
 */

export type HeatmapGroupBy = 'store' | 'team' | 'region';

export interface HeatmapSvgRow {
  name: string;
  headcount: number;
  /** Money, a decimal string with 2 places. */
  revenue: string;
  /** Money, or null for a unit with no rep. */
  perCapitaRevenue: string | null;
}

export interface HeatmapSvgInput {
  from: string;
  to: string;
  groupBy: HeatmapGroupBy;
  rows: readonly HeatmapSvgRow[];
}

const UNIT_LABEL: Record<HeatmapGroupBy, string> = {
  store: '门店',
  team: '团队',
  region: '大区',
};

/** The drawings' font: Noto Sans SC (which the tests render with), then common system CJK fonts. */
export const FONT = `'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif`;
const PAD = 24;
const TITLE_Y = 40;
const SUBTITLE_Y = 64;
const HEADER_Y = 84;
const HEADER_H = 32;
const ROW_H = 36;
const FIGURE_W = 140;
const MIN_NAME_W = 140;
const FONT_SIZE = 14;
const LEGEND_CELL = 28;

/** XML-escapes text and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A money string with thousands separators: "1234567.50" → "1,234,567.50". */
export function groupThousands(money: string): string {
  const [whole, fraction] = money.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A rough width of text in px: CJK and full-width characters take a full em, others about half. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += /[\u1100-\uffff]/.test(char) ? 1 : 0.6;
  return Math.ceil(ems * fontSize);
}

interface Column {
  label: string;
  values: (string | null)[];
  shown: (string | null)[];
}

function extent(values: readonly (string | null)[]): [string, string] {
  const present = values.filter((v): v is string => v !== null).map(Number);
  if (!present.length) return ['0', '0'];
  // Only for choosing colours: the figures printed are the exact strings.
  return [String(Math.min(...present)), String(Math.max(...present))];
}

/** A `<text>` element, its content and attribute values XML-escaped. */
export function text(
  x: number,
  y: number,
  content: string,
  attrs: Record<string, string | number> = {},
): string {
  const extra = Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return `<text x="${x}" y="${y}"${extra}>${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}"${extra}/>`;
}

/** The title: "人均业绩热力图 2026-11-01 至 2026-12-01". */
export function heatmapTitle(from: string, to: string): string {
  return `人均业绩热力图 ${from} 至 ${to}`;
}

export function heatmapSvg(input: HeatmapSvgInput): string {
  const unit = UNIT_LABEL[input.groupBy];
  const columns: Column[] = [
    {
      label: '人数',
      values: input.rows.map((r) => String(r.headcount)),
      shown: input.rows.map((r) => String(r.headcount)),
    },
    {
      label: '业绩（元）',
      values: input.rows.map((r) => r.revenue),
      shown: input.rows.map((r) => groupThousands(r.revenue)),
    },
    {
      label: '人均业绩（元）',
      values: input.rows.map((r) => r.perCapitaRevenue),
      shown: input.rows.map((r) =>
        r.perCapitaRevenue === null ? null : groupThousands(r.perCapitaRevenue),
      ),
    },
  ];
  const nameW = Math.max(
    MIN_NAME_W,
    ...input.rows.map((r) => textWidth(r.name, FONT_SIZE) + 2 * 12),
  );
  const tableW = nameW + columns.length * FIGURE_W;
  const title = heatmapTitle(input.from, input.to);
  const subtitle = `按${unit}统计：人数为在职销售代表数，业绩为其名下客户的订单金额，人均业绩 = 业绩 ÷ 人数`;
  const width = Math.max(
    PAD * 2 + tableW,
    PAD * 2 + textWidth(title, 20),
    PAD * 2 + textWidth(subtitle, 12),
  );
  const bodyTop = HEADER_Y + HEADER_H;
  const bodyRows = Math.max(1, input.rows.length);
  const legendTop = bodyTop + bodyRows * ROW_H + 28;
  const height = legendTop + LEGEND_CELL + 48;

  const parts: string[] = [];
  parts.push(rect(0, 0, width, height, '#ffffff'));
  parts.push(
    text(PAD, TITLE_Y, title, { 'font-size': 20, 'font-weight': 'bold', fill: '#08306b' }),
  );
  parts.push(text(PAD, SUBTITLE_Y, subtitle, { 'font-size': 12, fill: '#555555' }));

  // Header row.
  parts.push(rect(PAD, HEADER_Y, tableW, HEADER_H, '#f0f0f0'));
  parts.push(
    text(PAD + 12, HEADER_Y + 21, unit, {
      'font-size': FONT_SIZE,
      'font-weight': 'bold',
      fill: '#333333',
    }),
  );
  columns.forEach((column, i) => {
    const x = PAD + nameW + i * FIGURE_W + FIGURE_W / 2;
    parts.push(
      text(x, HEADER_Y + 21, column.label, {
        'font-size': FONT_SIZE,
        'font-weight': 'bold',
        fill: '#333333',
        'text-anchor': 'middle',
      }),
    );
  });

  if (!input.rows.length) {
    parts.push(
      text(PAD + tableW / 2, bodyTop + 23, '无数据', {
        'font-size': FONT_SIZE,
        fill: '#666666',
        'text-anchor': 'middle',
      }),
    );
  }

  const extents = columns.map((column) => extent(column.values));
  input.rows.forEach((row, r) => {
    const y = bodyTop + r * ROW_H;
    parts.push(`<g class="row">`);
    parts.push(rect(PAD, y, nameW, ROW_H, '#ffffff', ' stroke="#dddddd"'));
    parts.push(text(PAD + 12, y + 23, row.name, { 'font-size': FONT_SIZE, fill: '#222222' }));
    columns.forEach((column, c) => {
      const x = PAD + nameW + c * FIGURE_W;
      const [min, max] = extents[c];
      const colours = cellColours(column.values[r], min, max);
      parts.push(rect(x, y, FIGURE_W, ROW_H, colours.fill, ' stroke="#ffffff"'));
      parts.push(
        text(x + FIGURE_W / 2, y + 23, column.shown[r] ?? '—', {
          'font-size': FONT_SIZE,
          fill: colours.text,
          'text-anchor': 'middle',
        }),
      );
    });
    parts.push(`</g>`);
  });

  // Legend: the nine classes, light to dark.
  parts.push(
    text(PAD, legendTop - 8, '图例（每列单独着色）', { 'font-size': 12, fill: '#555555' }),
  );
  parts.push(text(PAD, legendTop + 19, '低', { 'font-size': 12, fill: '#555555' }));
  BLUES.forEach((fill, i) => {
    parts.push(
      rect(
        PAD + 20 + i * LEGEND_CELL,
        legendTop,
        LEGEND_CELL,
        LEGEND_CELL,
        fill,
        ' stroke="#cccccc"',
      ),
    );
  });
  parts.push(
    text(PAD + 28 + BLUES.length * LEGEND_CELL, legendTop + 19, '高', {
      'font-size': 12,
      fill: '#555555',
    }),
  );
  parts.push(
    rect(
      PAD + 64 + BLUES.length * LEGEND_CELL,
      legendTop,
      LEGEND_CELL,
      LEGEND_CELL,
      '#eeeeee',
      ' stroke="#cccccc"',
    ),
  );
  parts.push(
    text(PAD + 72 + (BLUES.length + 1) * LEGEND_CELL, legendTop + 19, '— 无销售代表，无人均业绩', {
      'font-size': 12,
      fill: '#555555',
    }),
  );

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    ...parts,
    `</svg>`,
    '',
  ].join('\n');
}
