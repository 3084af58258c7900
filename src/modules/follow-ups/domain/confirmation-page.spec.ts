import { escapeHtml, renderConfirmationPage } from './confirmation-page';

describe('renderConfirmationPage', () => {
  const pending = {
    kind: 'pending' as const,
    customerName: '<script>alert(1)</script>杭州精工',
    repName: '王小明',
    occurredAt: new Date('2026-11-20T02:30:00Z'),
    channel: 'visit',
    summary: '确认二季度需求 "500 套" & 交期',
    expiresAt: new Date('2026-11-27T02:30:00Z'),
  };

  it('shows the touch in Beijing time, with a button whose script carries the nonce', () => {
    const html = renderConfirmationPage(pending, 'Asia/Shanghai', 'n0nce');
    expect(html).toContain('王小明于 2026/11/20 10:30:00 与您上门拜访');
    expect(html).toContain('<script nonce="n0nce">');
    expect(html).toContain('确认无误');
  });

  it('escapes everything that came from the database', () => {
    const html = renderConfirmationPage(pending, 'Asia/Shanghai', 'n');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;杭州精工');
    expect(html).toContain('确认二季度需求 &quot;500 套&quot; &amp; 交期');
  });

  it.each([
    [{ kind: 'confirmed' as const, confirmedAt: new Date('2026-11-21T00:00:00Z') }, '已确认'],
    [{ kind: 'expired' as const }, '链接已过期'],
    [{ kind: 'not_found' as const }, '链接无效'],
  ])('explains a link that cannot be used: %j', (state, heading) => {
    const html = renderConfirmationPage(state, 'Asia/Shanghai', 'n');
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(html).not.toContain('<button');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
