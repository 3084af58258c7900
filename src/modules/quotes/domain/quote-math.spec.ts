import Decimal from 'decimal.js';
import fc from 'fast-check';
import {
  Exact,
  floorBreaches,
  LineInput,
  presentLine,
  presentMoney,
  presentPct,
  presentTotals,
  priceLine,
  priceLines,
  ProductPricing,
  totalsOf,
} from './quote-math';
import { floorPrice, presentFloorPrice } from '../../products/domain/floor-price';
import { bearing, valve } from './products.testing';

const SETTING_MIN_MARGIN = 12.5;

const line = (product: ProductPricing, qty: number, unitPrice: string): LineInput => ({
  product,
  qty,
  unitPrice,
});

describe('a realistic quote: 100 bearings 8 % off, 2.5 valves slightly off list', () => {
  const lines = priceLines(
    [line(bearing, 100, '38.64'), line(valve, 2.5, '250.00')],
    SETTING_MIN_MARGIN,
  );

  it('prices the bearing line by hand: 3864.00, cost 3000.00, margin 864/3864, 8 % off', () => {
    expect(presentLine(lines[0])).toEqual({
      productId: 'p-brg',
      qty: 100,
      unitPrice: '38.64',
      listPrice: '42.00',
      amount: '3864.00',
      cost: '3000.00',
      taxAmount: '502.32',
      marginPct: 22.36,
      discountPct: 8,
      floorPrice: '34.29',
    });
  });

  it('prices the valve line with a fractional qty and its own floor margin', () => {
    expect(presentLine(lines[1])).toEqual({
      productId: 'p-vlv',
      qty: 2.5,
      unitPrice: '250.00',
      listPrice: '260.00',
      amount: '625.00',
      cost: '500.00',
      taxAmount: '81.25',
      marginPct: 20,
      discountPct: 3.85,
      floorPrice: '235.30',
    });
  });

  it('totals the quote: margin 989/4489, tax 583.57, 5072.57 with tax', () => {
    expect(presentTotals(totalsOf(lines))).toEqual({
      amount: '4489.00',
      cost: '3500.00',
      marginPct: 22.03,
      taxAmount: '583.57',
      amountWithTax: '5072.57',
    });
  });

  it('passes the floor lock', () => {
    expect(floorBreaches(lines)).toEqual([]);
  });
});

describe('floor lock', () => {
  it('refuses the bearing at 34.28 (margin 12.49 %) and accepts it at 34.29', () => {
    expect(priceLine(line(bearing, 1, '34.28'), SETTING_MIN_MARGIN).belowFloor).toBe(true);
    expect(priceLine(line(bearing, 1, '34.29'), SETTING_MIN_MARGIN).belowFloor).toBe(false);
  });

  it('holds a product to its own minMarginPct over the setting', () => {
    // 230.00 keeps 13.04 % on the valve: above the setting's 12.5, below the valve's 15.
    const priced = priceLine(line(valve, 1, '230.00'), SETTING_MIN_MARGIN);
    expect(priced.belowFloor).toBe(true);
    expect(presentPct(priced.minMarginPct)).toBe(15);
  });

  it('accepts a price exactly at a floor that is a whole cent', () => {
    // 35.00 × (1 − 20/100) = 28.00: margin exactly 20 %.
    const exact = { ...bearing, cost: '28.00', minMarginPct: 20 };
    expect(priceLine(line(exact, 3, '35.00'), SETTING_MIN_MARGIN).belowFloor).toBe(false);
    expect(priceLine(line(exact, 3, '34.99'), SETTING_MIN_MARGIN).belowFloor).toBe(true);
  });

  it('names each offending line with its index, floor price and margin', () => {
    const lines = priceLines(
      [line(bearing, 10, '40.00'), line(bearing, 5, '33.00'), line(valve, 1, '220.00')],
      SETTING_MIN_MARGIN,
    );
    expect(floorBreaches(lines)).toEqual([
      {
        index: 1,
        productId: 'p-brg',
        sku: 'BRG-6205',
        floorPrice: '34.29',
        marginPct: 9.09,
        minMarginPct: 12.5,
      },
      {
        index: 2,
        productId: 'p-vlv',
        sku: 'VLV-DN50',
        floorPrice: '235.30',
        marginPct: 9.09,
        minMarginPct: 15,
      },
    ]);
  });

  it('refuses a free line of a product that costs something, with no margin to show', () => {
    const [breach] = floorBreaches([priceLine(line(bearing, 1, '0.00'), SETTING_MIN_MARGIN)]);
    expect(breach).toMatchObject({ index: 0, floorPrice: '34.29', marginPct: null });
  });
});

describe('edge cases', () => {
  it('gives no margin over no revenue: a free line of a free product', () => {
    const free = { ...bearing, listPrice: '0.00', cost: '0.00' };
    const priced = priceLine(line(free, 1, '0.00'), SETTING_MIN_MARGIN);
    expect(priced.marginPct).toBeNull();
    expect(priced.belowFloor).toBe(false);
    expect(presentTotals(totalsOf([priced])).marginPct).toBeNull();
  });

  it('gives no discount when the list price is 0', () => {
    const unlisted = { ...bearing, listPrice: '0.00' };
    expect(priceLine(line(unlisted, 1, '40.00'), SETTING_MIN_MARGIN).discountPct).toBeNull();
  });

  it('gives a negative discount above list: a mark-up', () => {
    expect(presentLine(priceLine(line(bearing, 1, '46.20'), 12.5)).discountPct).toBe(-10);
  });

  it('totals an empty quote to zeros, with no margin', () => {
    expect(presentTotals(totalsOf([]))).toEqual({
      amount: '0.00',
      cost: '0.00',
      marginPct: null,
      taxAmount: '0.00',
      amountWithTax: '0.00',
    });
  });

  it('keeps 4-place quantities exact: 0.3333 × 0.03 = 0.009999, presented 0.01', () => {
    const priced = priceLine(line(bearing, 0.3333, '0.03'), SETTING_MIN_MARGIN);
    expect(priced.amount.toString()).toBe('0.009999');
    expect(presentMoney(priced.amount)).toBe('0.01');
  });

  it('takes a quantity as PostgreSQL returns numeric, a string, to the same figures', () => {
    const fromDb = priceLine({ product: valve, qty: '2.5000', unitPrice: '250.00' }, 12.5);
    expect(presentLine(fromDb)).toEqual(presentLine(priceLine(line(valve, 2.5, '250.00'), 12.5)));
  });
});

describe('presentation', () => {
  it('rounds money half-up where banker’s rounding would round down: 13 % of 0.50', () => {
    const priced = priceLine(line(bearing, 1, '0.50'), SETTING_MIN_MARGIN);
    expect(priced.taxAmount.toString()).toBe('0.065');
    expect(presentMoney(priced.taxAmount)).toBe('0.07');
  });

  it('shows the floor price as the lowest passing cent, even below a half cent', () => {
    // 30 / 0.875 = 34.2857…; 29.999 / 0.875 = 34.2845… still needs 34.29.
    expect(presentFloorPrice(floorPrice('29.999', 12.5))).toBe('34.29');
  });

  it('never presents −0 for a margin that rounds to zero', () => {
    expect(Object.is(presentPct(new Exact('-0.001')), 0)).toBe(true);
  });

  const cents = fc.integer({ min: 0, max: 1_000_000_000 });

  it('rounds a half cent up and anything less down (property)', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 9 }), (c, thousandth) => {
        const value = new Exact(c).plus(new Exact(thousandth).div(10)).div(100);
        const expected = new Exact(c + (thousandth >= 5 ? 1 : 0)).div(100).toFixed(2);
        expect(presentMoney(value)).toBe(expected);
        expect(presentPct(value)).toBe(Number(expected));
      }),
    );
  });
});

describe('laws of the math (property)', () => {
  const money = fc.integer({ min: 0, max: 100_000_000 }).map((c) => (c / 100).toFixed(2));
  const positiveMoney = fc.integer({ min: 1, max: 100_000_000 }).map((c) => (c / 100).toFixed(2));
  const qty = fc.integer({ min: 1, max: 100_000_000 }).map((q) => q / 10_000);
  const marginPct = fc.integer({ min: 0, max: 9999 }).map((h) => h / 100);
  const product = fc.record({
    id: fc.constant('p'),
    sku: fc.constant('SKU'),
    listPrice: positiveMoney,
    cost: money,
    taxRatePct: fc.constantFrom(0, 6, 9, 13),
    minMarginPct: fc.option(marginPct),
  });

  it('a priced line passes the floor lock exactly when its margin reaches minMarginPct', () => {
    fc.assert(
      fc.property(product, qty, positiveMoney, marginPct, (p, q, price, setting) => {
        const priced = priceLine(line(p, q, price), setting);
        expect(!priced.belowFloor).toBe(
          priced.marginPct!.greaterThanOrEqualTo(priced.minMarginPct),
        );
      }),
    );
  });

  it('the presented floor price is the lowest cent price that passes', () => {
    fc.assert(
      fc.property(product, marginPct, (p, setting) => {
        const floor = presentFloorPrice(priceLine(line(p, 1, '0.00'), setting).floorPrice);
        expect(priceLine(line(p, 1, floor), setting).belowFloor).toBe(false);
        const centBelow = new Exact(floor).minus('0.01');
        if (centBelow.isNegative()) return;
        expect(priceLine(line(p, 1, centBelow.toFixed(2)), setting).belowFloor).toBe(true);
      }),
    );
  });

  it('discount is 0 at list price and falls, while margin rises, as the price rises', () => {
    fc.assert(
      fc.property(product, qty, positiveMoney, positiveMoney, (p, q, a, b) => {
        const atList = priceLine(line(p, q, p.listPrice), SETTING_MIN_MARGIN);
        expect(atList.discountPct!.isZero()).toBe(true);
        const [low, high] = [new Exact(a), new Exact(b)].sort((x, y) => x.comparedTo(y));
        const cheap = priceLine(line(p, q, low.toFixed(2)), SETTING_MIN_MARGIN);
        const dear = priceLine(line(p, q, high.toFixed(2)), SETTING_MIN_MARGIN);
        expect(cheap.discountPct!.greaterThanOrEqualTo(dear.discountPct!)).toBe(true);
        expect(cheap.marginPct!.lessThanOrEqualTo(dear.marginPct!)).toBe(true);
        if (low.lessThan(high))
          expect(cheap.discountPct!.greaterThan(dear.discountPct!)).toBe(true);
      }),
    );
  });

  it('totals equal the sums of the lines, and the margin lies among the lines’ margins', () => {
    const lineInput = fc.record({ product, qty, unitPrice: positiveMoney });
    fc.assert(
      fc.property(fc.array(lineInput, { minLength: 1, maxLength: 30 }), (inputs) => {
        const lines = priceLines(inputs, SETTING_MIN_MARGIN);
        const totals = totalsOf(lines);
        const sum = (pick: (l: (typeof lines)[number]) => Decimal) =>
          lines.reduce((acc, l) => acc.plus(pick(l)), new Exact(0));
        expect(totals.amount.equals(sum((l) => l.amount))).toBe(true);
        expect(totals.cost.equals(sum((l) => l.cost))).toBe(true);
        expect(totals.taxAmount.equals(sum((l) => l.taxAmount))).toBe(true);
        expect(totals.amountWithTax.equals(totals.amount.plus(totals.taxAmount))).toBe(true);
        const margins = lines.map((l) => l.marginPct!);
        expect(totals.marginPct!.greaterThanOrEqualTo(Exact.min(...margins))).toBe(true);
        expect(totals.marginPct!.lessThanOrEqualTo(Exact.max(...margins))).toBe(true);
      }),
    );
  });
});
