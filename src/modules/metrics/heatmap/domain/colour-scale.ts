import { Exact } from '../../../quotes/domain/quote-math';

/**
 * A sequential colour scale for the heatmap: ColorBrewer's 9-class "Blues",
 * light (low) to dark (high). Sequential, not diverging: the figures it
 * colours (revenue, headcount, per-capita revenue) have no meaningful middle.
 */
export const BLUES = [
  '#f7fbff',
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
] as const;

/** The fill of a cell with no figure (per-capita revenue of a unit with no rep). */
export const NO_VALUE_FILL = '#eeeeee';

/** The first class dark enough to need white text. */
const FIRST_DARK_CLASS = 5;

/**
 * The class (0 … 8) of `value` on a column whose figures run from `min` to
 * `max`, all decimal strings or numbers: the span is cut into 9 equal bins,
 * `max` falls in the last. A column whose figures are all equal has no span:
 * positive figures take the darkest class, zeros the lightest.
 */
export function colourClass(
  value: string | number,
  min: string | number,
  max: string | number,
): number {
  const [v, lo, hi] = [new Exact(value), new Exact(min), new Exact(max)];
  const top = BLUES.length - 1;
  if (hi.lte(lo)) return v.gt(0) ? top : 0;
  // × 9 before ÷ span: 10 × 9 / 90 is exactly 1, where 10 / 90 × 9 is 0.999….
  const position = v.minus(lo).times(BLUES.length).div(hi.minus(lo));
  if (position.lte(0)) return 0;
  return Math.min(top, position.floor().toNumber());
}

/** The fill and a readable text colour for a figure; a null figure gets grey. */
export function cellColours(
  value: string | number | null,
  min: string | number,
  max: string | number,
): { fill: string; text: string } {
  if (value === null) return { fill: NO_VALUE_FILL, text: '#666666' };
  const cls = colourClass(value, min, max);
  return { fill: BLUES[cls], text: cls >= FIRST_DARK_CLASS ? '#ffffff' : '#08306b' };
}
