import Decimal from 'decimal.js';

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** Groups the integer part of a plain decimal string by thousands: "12800.50" → "12,800.50". */
function groupThousands(plain: string): string {
  const [integer, fraction] = plain.split('.');
  const grouped = integer.replace(THOUSANDS, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A money string as printed: rounded half-up to 2 places, grouped, with the yuan sign: "¥12,800.50". */
export function formatMoney(amount: string): string {
  const fixed = new Decimal(amount).toFixed(2, Decimal.ROUND_HALF_UP);
  return fixed.startsWith('-')
    ? `-¥${groupThousands(fixed.slice(1))}`
    : `¥${groupThousands(fixed)}`;
}

/** A quantity as printed: at most 4 decimals (half-up), no trailing zeros, grouped: "1,250.5". */
export function formatQuantity(qty: string): string {
  return groupThousands(new Decimal(qty).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed());
}

/** A percentage as printed, at most 2 decimals: 13 → "13%", 6.5 → "6.5%". */
export function formatPercent(pct: number): string {
  return `${new Decimal(pct).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed()}%`;
}
