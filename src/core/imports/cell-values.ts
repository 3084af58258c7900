/** Anything but printable ASCII: full-width digits and signs, the ideographic space. */
const NON_ASCII = /[^ -~]/;
const SPACE = /\s/;
const SPACES = /\s+/g;

/** A number cell as people type it, in ASCII: full-width digits and punctuation become ASCII; spaces go. */
export function asciiNumber(text: string): string {
  const ascii = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  return SPACE.test(ascii) ? ascii.replace(SPACES, '') : ascii;
}

/** Money as people type it (`¥12,800.50`, `12800.5元`, `１２８００`), as a plain decimal string to check. */
export function moneyText(text: string): string {
  return asciiNumber(text)
    .replace(/^[¥￥]|^RMB|元$/gi, '')
    .replace(/,/g, '');
}

/** A percentage as people type it (`13`, `13%`, `１３％`), as a plain decimal string to check. */
export function percentText(text: string): string {
  return asciiNumber(text).replace(/%$/, '');
}
