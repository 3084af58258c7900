import { webhookOutcome } from './outcome';

describe('webhookOutcome', () => {
  it('delivers on any 2xx for JSON subscriptions, and retries on anything else', () => {
    expect(webhookOutcome('json', 200, '')).toEqual({ delivered: true });
    expect(webhookOutcome('json', 204, '')).toEqual({ delivered: true });
    expect(webhookOutcome('json', 301, '')).toEqual({ delivered: false, reason: 'HTTP 301' });
    expect(webhookOutcome('json', 404, '')).toEqual({ delivered: false, reason: 'HTTP 404' });
    expect(webhookOutcome('json', 503, '')).toEqual({ delivered: false, reason: 'HTTP 503' });
  });

  it('needs errcode 0 from a WeCom robot, whose refusals come with HTTP 200', () => {
    expect(webhookOutcome('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({
      delivered: true,
    });
    expect(
      webhookOutcome('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}'),
    ).toEqual({ delivered: false, reason: 'WeCom errcode 93000 invalid webhook url' });
    expect(webhookOutcome('wecom', 200, '<html>')).toEqual({
      delivered: false,
      reason: 'WeCom answer is not JSON',
    });
    expect(webhookOutcome('wecom', 502, '')).toEqual({ delivered: false, reason: 'HTTP 502' });
  });
});
