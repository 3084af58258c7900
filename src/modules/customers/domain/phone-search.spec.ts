import { phoneSearch } from './phone-search';

describe('phoneSearch', () => {
  it.each([
    // Whole numbers, in every form accepted on write.
    ['13957000161', '+8613957000161', '13957000161'],
    ['139 5700 0161', '+8613957000161', '13957000161'],
    ['139-5700-0161', '+8613957000161', '13957000161'],
    ['+86 139-5700-0161', '+8613957000161', '+8613957000161'],
    ['0086 139 5700 0161', '+8613957000161', '+8613957000161'],
    ['86 139 5700 0161', '+8613957000161', '8613957000161'],
    ['１３９５７０００１６１', '+8613957000161', '13957000161'],
    ['＋８６ １３９ ５７００ ０１６１', '+8613957000161', '+8613957000161'],
    ['(021) 1234 5678', '+862112345678', '02112345678'],
    // Parts of a number: no whole number, a fragment to match as a substring.
    ['5700027', null, '5700027'],
    ['139 5700', null, '1395700'],
    ['（139）５７', null, '13957'],
    ['+86 139', null, '+86139'],
    ['0086-139', null, '+86139'],
    ['0161', null, '0161'],
    ['7-11', null, '711'],
  ])('reads %j as the number %s, fragment %s', (text, e164, fragment) => {
    expect(phoneSearch(text)).toEqual({ e164, fragment });
  });

  it.each([
    ['杭州精工', 'a name'],
    ['五金 138', 'a name with digits'],
    ['abc123', 'letters and digits'],
    ['+1 415 555', 'another country code'],
    ['+86', 'a prefix without digits'],
    ['- ()', 'separators only'],
    ['', 'nothing'],
  ])('does not read %j (%s) as a phone', (text) => {
    expect(phoneSearch(text)).toBeNull();
  });
});
