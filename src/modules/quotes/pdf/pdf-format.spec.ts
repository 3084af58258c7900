import { formatMoney, formatPercent, formatQuantity } from './pdf-format';

describe('PDF formatting', () => {
  it('prints money half-up to 2 places with thousands separators and the yuan sign', () => {
    expect(formatMoney('12800.5')).toBe('¥12,800.50');
    expect(formatMoney('0.005')).toBe('¥0.01');
    expect(formatMoney('999.994')).toBe('¥999.99');
    expect(formatMoney('1234567.895')).toBe('¥1,234,567.90');
    expect(formatMoney('-1500')).toBe('-¥1,500.00');
  });

  it('prints quantities with at most 4 decimals and no trailing zeros', () => {
    expect(formatQuantity('3')).toBe('3');
    expect(formatQuantity('2.5000')).toBe('2.5');
    expect(formatQuantity('0.00005')).toBe('0.0001');
    expect(formatQuantity('12345.67891')).toBe('12,345.6789');
  });

  it('prints percentages with at most 2 decimals', () => {
    expect(formatPercent(13)).toBe('13%');
    expect(formatPercent(6.125)).toBe('6.13%');
  });
});
