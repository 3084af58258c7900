import { WECOM_MAX_CONTENT_BYTES, wecomMessage } from './wecom';

describe('WeCom group-robot message', () => {
  const occurredAt = new Date('2026-12-06T02:30:00.000Z');

  it('is a markdown message headed by the title, with the event, the local time and each field', () => {
    expect(
      wecomMessage({
        eventName: '预警触发',
        event: 'alert.triggered',
        payload: { title: '杭州一组复购率低于 20%', ratePct: 12.5, unit: '杭州一组', note: null },
        occurredAt,
        timeZone: 'Asia/Shanghai',
      }),
    ).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: [
          '### 【预警触发】杭州一组复购率低于 20%',
          '> 事件：alert.triggered',
          '> 时间：2026-12-06 10:30',
          '> ratePct：12.5',
          '> unit：杭州一组',
        ].join('\n'),
      },
    });
  });

  it('falls back to the event name without a title, and keeps nested values on one line', () => {
    const { markdown } = wecomMessage({
      eventName: '新通知',
      event: 'notification.created',
      payload: { body: '第一行\n第二行', figures: { lost: 6 } },
      occurredAt,
      timeZone: 'UTC',
    });
    expect(markdown.content).toBe(
      [
        '### 【新通知】新通知',
        '> 事件：notification.created',
        '> 时间：2026-12-06 02:30',
        '> body：第一行 第二行',
        '> figures：{"lost":6}',
      ].join('\n'),
    );
  });

  it('stays within 4096 bytes of UTF-8, cutting whole lines', () => {
    const payload = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`原因${i}`, '价格太高'.repeat(60)]),
    );
    const { markdown } = wecomMessage({
      eventName: '漏斗异常',
      event: 'funnel_anomaly.flagged',
      payload,
      occurredAt,
      timeZone: 'Asia/Shanghai',
    });
    expect(Buffer.byteLength(markdown.content)).toBeLessThanOrEqual(WECOM_MAX_CONTENT_BYTES);
    expect(markdown.content.endsWith('\n…')).toBe(true);
    // Each value was cut at 200 characters.
    expect(markdown.content).toContain(`> 原因0：${'价格太高'.repeat(50)}…`);
  });
});
