import { escapeXml, FONT, text, textWidth } from '../../../metrics/heatmap/domain/heatmap-svg';

/**
 * The rep radar as an SVG document, built as a string like the heatmap's:
 * pure, no DOM, no fonts read. A hexagonal grid (20 to 100), one spoke per
 * axis clockwise from the top, the rep's values as a filled polygon, and at
 * each spoke's end its Chinese label with the value and the team percentile
 * printed, so the figures read without the shape.
 */

export interface RadarSvgAxis {
  label: string;
  value: number | null;
  teamPercentile: number | null;
}

export interface RadarSvgInput {
  /** The rep's display name. */
  name: string;
  from: string;
  to: string;
  axes: readonly RadarSvgAxis[];
}

const PAD = 24;
const MIN_WIDTH = 760;
const HEIGHT = 640;
const TITLE_Y = 40;
const SUBTITLE_Y = 64;
const CENTRE_Y = 350;
const RADIUS = 180;
/** How far beyond the grid an axis's label starts. */
const LABEL_GAP = 24;
const LEVELS = [20, 40, 60, 80, 100];
const FONT_SIZE = 14;
const LINE_H = 18;
const GRID = 'stroke="#d9d9d9" stroke-width="1"';
const INK = '#08519c';

const SUBTITLE = '各轴 0–100，越高越好；括号内为在本组销售代表中的百分位（不含结束日）';

/** Where the radar's axes point, and the points along them. */
class RadarGeometry {
  constructor(
    private readonly centreX: number,
    private readonly count: number,
  ) {}

  /** The unit vector of axis `i`: clockwise from the top (SVG's y grows downwards). */
  direction(i: number): { dx: number; dy: number } {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / this.count;
    return { dx: Math.cos(angle), dy: Math.sin(angle) };
  }

  /** The point `radius` out along axis `i`, to one decimal place (enough, and short to read). */
  point(i: number, radius: number): { x: number; y: number } {
    const { dx, dy } = this.direction(i);
    const round = (n: number) => Math.round(n * 10) / 10;
    return { x: round(this.centreX + dx * radius), y: round(CENTRE_Y + dy * radius) };
  }

  /** The polygon through each axis at `radiusOf(i)`, as a `points` attribute. */
  polygon(radiusOf: (i: number) => number): string {
    return Array.from({ length: this.count }, (_, i) => this.point(i, radiusOf(i)))
      .map(({ x, y }) => `${x},${y}`)
      .join(' ');
  }
}

/** The title: "销售雷达：王磊 2026-11-01 至 2026-12-01". */
export function radarTitle(name: string, from: string, to: string): string {
  return `销售雷达：${name} ${from} 至 ${to}`;
}

/** The line under an axis's label: the value, and the team percentile when there is one. */
export function axisCaption({ value, teamPercentile }: RadarSvgAxis): string {
  if (value === null) return '无数据';
  return teamPercentile === null
    ? `${value}（无团队对比）`
    : `${value}（团队百分位 ${teamPercentile}）`;
}

/** The grid: a hexagon per level with its figure on the top spoke, and the spokes. */
function grid(geometry: RadarGeometry, count: number, centreX: number): string[] {
  const parts = LEVELS.flatMap((level) => {
    const radius = (RADIUS * level) / 100;
    return [
      `<polygon points="${geometry.polygon(() => radius)}" fill="none" ${GRID}/>`,
      text(centreX + 4, CENTRE_Y - radius + 12, String(level), {
        'font-size': 10,
        fill: '#999999',
      }),
    ];
  });
  for (let i = 0; i < count; i++) {
    const end = geometry.point(i, RADIUS);
    parts.push(`<line x1="${centreX}" y1="${CENTRE_Y}" x2="${end.x}" y2="${end.y}" ${GRID}/>`);
  }
  return parts;
}

/** The rep's polygon and a dot per measured axis; an axis with no value is drawn at the centre. */
function shape(geometry: RadarGeometry, axes: readonly RadarSvgAxis[]): string[] {
  const radiusOf = (i: number) => (RADIUS * (axes[i].value ?? 0)) / 100;
  const dots = axes.flatMap((axis, i) => {
    if (axis.value === null) return [];
    const { x, y } = geometry.point(i, radiusOf(i));
    return [`<circle cx="${x}" cy="${y}" r="4" fill="${INK}"/>`];
  });
  return [
    `<polygon class="rep" points="${geometry.polygon(radiusOf)}" fill="#2171b5" fill-opacity="0.25" stroke="${INK}" stroke-width="2"/>`,
    ...dots,
  ];
}

/** An axis's label and caption beyond its spoke's end: above the top spoke, below the bottom one. */
function axisLabel(geometry: RadarGeometry, axis: RadarSvgAxis, i: number): string {
  const { dx, dy } = geometry.direction(i);
  const { x, y } = geometry.point(i, RADIUS + LABEL_GAP);
  const anchor = Math.abs(dx) < 0.1 ? 'middle' : dx > 0 ? 'start' : 'end';
  const top = dy < -0.5 ? y - LINE_H - 4 : dy > 0.5 ? y + FONT_SIZE : y - 4;
  const label = text(x, top, axis.label, {
    'font-size': FONT_SIZE,
    'font-weight': 'bold',
    fill: '#222222',
    'text-anchor': anchor,
  });
  const caption = text(x, top + LINE_H, axisCaption(axis), {
    'font-size': 12,
    fill: axis.value === null ? '#999999' : INK,
    'text-anchor': anchor,
  });
  return `<g class="axis">${label}${caption}</g>`;
}

export function radarSvg(input: RadarSvgInput): string {
  const title = radarTitle(input.name, input.from, input.to);
  const width = Math.max(
    MIN_WIDTH,
    PAD * 2 + textWidth(title, 20),
    PAD * 2 + textWidth(SUBTITLE, 12),
  );
  const centreX = width / 2;
  const geometry = new RadarGeometry(centreX, input.axes.length);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="${escapeXml(FONT)}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(PAD, TITLE_Y, title, { 'font-size': 20, 'font-weight': 'bold', fill: '#08306b' }),
    text(PAD, SUBTITLE_Y, SUBTITLE, { 'font-size': 12, fill: '#555555' }),
    ...grid(geometry, input.axes.length, centreX),
    ...shape(geometry, input.axes),
    ...input.axes.map((axis, i) => axisLabel(geometry, axis, i)),
    `</svg>`,
    '',
  ].join('\n');
}
