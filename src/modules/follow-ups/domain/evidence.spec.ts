import { EvidenceInput, missingEvidence } from './evidence';

const segment = { at: '2026-11-20T10:05:00+08:00', speaker: 'customer', text: '价格还能再谈吗' };
const complete: EvidenceInput = {
  channel: 'visit',
  summary: '拜访采购部，确认了二季度的需求量。',
  transcript: [segment],
  nextTouchAt: '2026-11-27T10:00:00+08:00',
};
const fields = (input: EvidenceInput) => missingEvidence(input).map((error) => error.field);

describe('missingEvidence', () => {
  it('accepts a complete visit', () => {
    expect(missingEvidence(complete)).toEqual([]);
  });

  it('lists every missing piece at once', () => {
    expect(fields({ channel: 'call' })).toEqual(['summary', 'transcript', 'nextTouchAt']);
  });

  it.each([
    ['', true],
    ['  已拜访   ', true],
    ['123456789', true],
    ['1234567890', false],
    ['拜访客户确认需求和报价', false],
  ])('wants a summary of at least 10 characters: %j', (summary, missing) => {
    expect(fields({ ...complete, summary }).includes('summary')).toBe(missing);
  });

  it.each(['visit', 'call', 'meeting'] as const)('wants a transcript for a %s', (channel) => {
    expect(fields({ ...complete, channel, transcript: [] })).toEqual(['transcript']);
  });

  it.each(['wechat', 'email', 'store'] as const)('needs no transcript for %s', (channel) => {
    expect(fields({ ...complete, channel, transcript: undefined })).toEqual([]);
  });

  it('names each segment part that is missing', () => {
    expect(
      fields({
        ...complete,
        transcript: [segment, { speaker: 'rep', text: '可以' }, { at: segment.at, text: ' ' }],
      }),
    ).toEqual(['transcript[1].at', 'transcript[2].speaker', 'transcript[2].text']);
  });

  it.each([
    ['won', false],
    ['lost', false],
    ['quoted', true],
    [undefined, true],
  ])('with stage %s, a missing next touch is missing evidence: %s', (stage, missing) => {
    expect(fields({ ...complete, nextTouchAt: undefined, stage }).includes('nextTouchAt')).toBe(
      missing,
    );
  });
});
