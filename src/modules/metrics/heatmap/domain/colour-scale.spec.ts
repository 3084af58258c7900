import { BLUES, cellColours, colourClass, NO_VALUE_FILL } from './colour-scale';

describe('heatmap colour scale (ColorBrewer Blues, 9 classes)', () => {
  it('puts the minimum in the lightest class and the maximum in the darkest', () => {
    expect(colourClass('100.00', '100.00', '1000.00')).toBe(0);
    expect(colourClass('1000.00', '100.00', '1000.00')).toBe(8);
  });

  it('cuts the span into 9 equal bins: 0–90 → classes by tens', () => {
    // Span 90: bin width 10. 9.99 → 0, 10 → 1, 45 → 4, 80 → 8, 89.99 → 8.
    expect(colourClass('9.99', 0, 90)).toBe(0);
    expect(colourClass('10.00', 0, 90)).toBe(1);
    expect(colourClass('45.00', 0, 90)).toBe(4);
    expect(colourClass('79.99', 0, 90)).toBe(7);
    expect(colourClass('80.00', 0, 90)).toBe(8);
  });

  it('never leaves 0 … 8, whatever the value', () => {
    expect(colourClass(-5, 0, 10)).toBe(0);
    expect(colourClass(50, 0, 10)).toBe(8);
  });

  it('gives a column with no span the darkest class when positive, the lightest when zero', () => {
    expect(colourClass('3000.00', '3000.00', '3000.00')).toBe(8);
    expect(colourClass('0.00', '0.00', '0.00')).toBe(0);
  });

  it('is exact on money: 0.1 + 0.2 sits at a bin edge, not below it', () => {
    // (0.30 − 0) / 0.90 × 9 = 3 exactly; a float would give 2.999….
    expect(colourClass('0.30', '0.00', '0.90')).toBe(3);
  });

  it('runs light to dark', () => {
    const lightness = (hex: string) =>
      [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    for (let i = 1; i < BLUES.length; i++) {
      expect(lightness(BLUES[i])).toBeLessThan(lightness(BLUES[i - 1]));
    }
  });

  it('prints white on dark cells, dark blue on light ones, grey for no figure', () => {
    expect(cellColours('0.00', '0.00', '900.00')).toEqual({ fill: '#f7fbff', text: '#08306b' });
    expect(cellColours('900.00', '0.00', '900.00')).toEqual({ fill: '#08306b', text: '#ffffff' });
    expect(cellColours(null, '0.00', '900.00')).toEqual({ fill: NO_VALUE_FILL, text: '#666666' });
  });
});
