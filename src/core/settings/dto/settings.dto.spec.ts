import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { InvalidInputException } from '../../errors/domain.exception';
import { createValidationPipe } from '../../http/validation';
import { applySettingsPatch, DEFAULT_SETTINGS, SettingsPatch } from '../domain/settings';
import { UpdateSettingsDto } from './settings.dto';

const BODY: ArgumentMetadata = { type: 'body', metatype: UpdateSettingsDto };

/** What PATCH /settings does with a body: the global pipe, then the domain patch. */
async function patchSettings(body: unknown) {
  const dto = (await createValidationPipe().transform(body, BODY)) as SettingsPatch;
  return applySettingsPatch(DEFAULT_SETTINGS, dto);
}

async function rejectedFields(body: unknown): Promise<string[]> {
  try {
    await createValidationPipe().transform(body, BODY);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputException);
    return [...new Set((error as InvalidInputException).options.errors?.map((e) => e.field))];
  }
  throw new Error(`expected ${JSON.stringify(body)} to be rejected`);
}

describe('UpdateSettingsDto through the validation pipe', () => {
  it('accepts a partial patch and leaves the other settings alone', async () => {
    const settings = await patchSettings({
      timezone: 'Asia/Urumqi',
      silentHours: { b2c: 96 },
      objectionKeywords: { price: ['太贵', '预算不够'] },
    });
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      timezone: 'Asia/Urumqi',
      silentHours: { b2b: 72, b2c: 96 },
      objectionKeywords: { ...DEFAULT_SETTINGS.objectionKeywords, price: ['太贵', '预算不够'] },
    });
  });

  it('takes the seller’s name trimmed, CJK as written', async () => {
    const settings = await patchSettings({ companyName: '  杭州精工机械有限公司 ' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, companyName: '杭州精工机械有限公司' });
  });

  it('accepts an empty patch as no change', async () => {
    expect(await patchSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['timezone', { timezone: 'Asia/Beijing' }],
    ['minMarginPct', { minMarginPct: 100 }],
    ['minMarginPct', { minMarginPct: 12.345 }],
    ['minMarginPct', { minMarginPct: '12.5' }],
    ['silentHours.b2b', { silentHours: { b2b: 0 } }],
    ['silentHours.b2c', { silentHours: { b2c: 1.5 } }],
    ['silentHours.b2g', { silentHours: { b2g: 10 } }],
    ['complianceGraceHours', { complianceGraceHours: -1 }],
    ['firstResponseTargetMinutes', { firstResponseTargetMinutes: 0 }],
    ['ticketFirstResponseHours', { ticketFirstResponseHours: 24 * 30 + 1 }],
    ['funnelAnomalyWindowWeeks', { funnelAnomalyWindowWeeks: 1 }],
    ['funnelAnomalyWindowWeeks', { funnelAnomalyWindowWeeks: 8.5 }],
    ['funnelAnomalySigmaMultiplier', { funnelAnomalySigmaMultiplier: 0.4 }],
    ['funnelAnomalySigmaMultiplier', { funnelAnomalySigmaMultiplier: 2.125 }],
    ['objectionKeywords.price', { objectionKeywords: { price: '价格' } }],
    ['objectionKeywords.price', { objectionKeywords: { price: ['价格', ''] } }],
    ['objectionKeywords.brand', { objectionKeywords: { brand: ['品牌'] } }],
    ['currency', { currency: 'CNY' }],
    ['companyName', { companyName: '' }],
    ['companyName', { companyName: '   ' }],
    ['companyName', { companyName: 'x'.repeat(101) }],
    ['companyName', { companyName: '杭州精工\n机械' }],
    ['companyName', { companyName: 42 }],
  ])('rejects a bad %s and names it', async (field, body) => {
    expect(await rejectedFields(body)).toEqual([field]);
  });

  // An explicit null must not erase a setting: it is validated like any other value.
  it.each([
    ['timezone', { timezone: null }],
    ['companyName', { companyName: null }],
    ['minMarginPct', { minMarginPct: null }],
    ['silentHours.b2c', { silentHours: { b2c: null } }],
    ['objectionKeywords.price', { objectionKeywords: { price: null } }],
  ])('rejects a null %s with 400 instead of erasing the setting', async (field, body) => {
    expect(await rejectedFields(body)).toEqual([field]);
  });
});
