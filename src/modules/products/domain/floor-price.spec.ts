import Decimal from 'decimal.js';
import fc from 'fast-check';
import {
  DEFAULT_MIN_MARGIN_PCT,
  effectiveMinMarginPct,
  floorPrice,
  isBelowFloor,
  presentFloorPrice,
} from './floor-price';

describe('floor price', () => {
  it('keeps the margin: a bearing costing 30.00 at 12.5 % has floor 34.29 (34.2857…)', () => {
    const floor = floorPrice('30.00', DEFAULT_MIN_MARGIN_PCT);
    expect(floor.toString()).toMatch(/^34\.2857142857142857/);
    expect(presentFloorPrice(floor)).toBe('34.29');
  });

  it('is exact where binary floats are not: cost 0.70 at 30 % is 1.00', () => {
    expect(presentFloorPrice(floorPrice('0.70', 30))).toBe('1.00');
  });

  it('is the cost itself at a zero margin, and zero for a free item', () => {
    expect(presentFloorPrice(floorPrice('1280.00', 0))).toBe('1280.00');
    expect(presentFloorPrice(floorPrice('0.00', 40))).toBe('0.00');
  });

  it('rounds up to the cent only when presented: the lowest price that passes', () => {
    // 0.09 / 0.9 = 0.1 exactly; 10.01 / 0.8 = 12.5125 → 12.52; 0.21 / 0.8 = 0.2625 → 0.27.
    expect(presentFloorPrice(floorPrice('0.09', 10))).toBe('0.10');
    expect(presentFloorPrice(floorPrice('10.01', 20))).toBe('12.52');
    expect(presentFloorPrice(floorPrice('0.21', 20))).toBe('0.27');
    expect(isBelowFloor('12.51', '10.01', 20)).toBe(true);
    expect(isBelowFloor('12.52', '10.01', 20)).toBe(false);
  });

  it('tells a price a cent below a huge floor from the floor', () => {
    // 999999999999.99 / 0.0001 = 9999999999999900 exactly; one cent less is below it.
    const floor = floorPrice('999999999999.99', 99.99);
    expect(floor.toFixed()).toBe('9999999999999900');
    expect(floor.gt('9999999999999899.99')).toBe(true);
  });

  it('refuses a margin of 100 % or more, which has no floor', () => {
    expect(() => floorPrice('10.00', 100)).toThrow(RangeError);
  });

  it('yields exactly the margin at the floor, for any cost and margin', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_00 }),
        fc.integer({ min: 0, max: 9999 }),
        (costCents, marginBasisPoints) => {
          const cost = new Decimal(costCents).div(100);
          const margin = marginBasisPoints / 100;
          const floor = floorPrice(cost, margin);
          const marginAtFloor = floor.minus(cost).div(floor).times(100);
          expect(marginAtFloor.minus(margin).abs().lt('1e-15')).toBe(true);
          expect(floor.gte(cost)).toBe(true);
        },
      ),
    );
  });

  it('takes the product’s own margin over the setting', () => {
    expect(effectiveMinMarginPct(20, 12.5)).toBe(20);
    expect(effectiveMinMarginPct(0, 12.5)).toBe(0);
    expect(effectiveMinMarginPct(null, 15)).toBe(15);
  });
});
