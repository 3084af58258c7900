import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    // Mobiles in every form the contract lists.
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['138.0013.8000', '+8613800138000'],
    ['(138)0013-8000', '+8613800138000'],
    ['（138）0013 8000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['１３８－００１３－８０００', '+8613800138000'],
    ['+8613800138000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['＋８６ １３８ ００１３ ８０００', '+8613800138000'],
    ['0086 138 0013 8000', '+8613800138000'],
    ['0086-13800138000', '+8613800138000'],
    ['86 13800138000', '+8613800138000'],
    ['8613800138000', '+8613800138000'],
    ['  13912345678  ', '+8613912345678'],
    ['\u3000139\u30001234\u30005678', '+8613912345678'],
    ['15012345678', '+8615012345678'],
    ['18612345678', '+8618612345678'],
    ['19912345678', '+8619912345678'],
    ['16612345678', '+8616612345678'],
    ['17712345678', '+8617712345678'],
    // Landlines with an area code.
    ['021-12345678', '+862112345678'],
    ['(021) 1234 5678', '+862112345678'],
    ['02112345678', '+862112345678'],
    ['010-12345678', '+861012345678'],
    ['0571-88886666', '+8657188886666'],
    ['0755-23456789', '+8675523456789'],
    ['+86 21 1234 5678', '+862112345678'],
    ['0086 571 8888 6666', '+8657188886666'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['abc', 'letters'],
    ['138-0013-800O', 'a letter O for a zero'],
    ['1380013800', 'a mobile one digit short'],
    ['138001380001', 'a mobile one digit long'],
    ['12345678901', 'no such mobile range'],
    ['12345678', 'a landline without area code'],
    ['0755-2345678', 'a Shenzhen landline one digit short'],
    ['95588', 'a bank service number'],
    ['10086', 'a carrier service number'],
    ['400-820-8820', 'a 400 hotline'],
    ['+1 415 555 2671', 'a US number'],
    ['+852 2345 6789', 'a Hong Kong number'],
    ['13800138000#12', 'an extension'],
  ])('rejects %j (%s) with a reason', (input) => {
    const result = normalizePhone(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.en).toMatch(/\w/);
  });

  it('agrees with the full metadata parse on random 11-digit numbers (the prefix shortcut is exact)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), (national) => {
        const full = parsePhoneNumberFromString(`+86${national}`, 'CN');
        const fullValid = Boolean(
          full?.isValid() && ['MOBILE', 'FIXED_LINE_OR_MOBILE'].includes(full.getType() ?? ''),
        );
        expect(normalizePhone(national).ok).toBe(fullValid);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '+86138****8000'],
    ['+862112345678', '+86211****5678'],
  ])('masks %s as %s', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });
});
