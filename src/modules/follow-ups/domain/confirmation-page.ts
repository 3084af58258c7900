/** What the customer's confirmation page shows, in Chinese: it is read by the customer. */
export type ConfirmationPageState =
  | {
      kind: 'pending';
      customerName: string;
      repName: string | null;
      occurredAt: Date;
      channel: string;
      summary: string;
      expiresAt: Date;
    }
  | { kind: 'confirmed'; confirmedAt: Date }
  | { kind: 'expired' }
  | { kind: 'not_found' };

const CHANNEL_NAMES: Record<string, string> = {
  visit: '上门拜访',
  call: '电话沟通',
  meeting: '会议',
  wechat: '微信沟通',
  email: '邮件沟通',
  store: '到店沟通',
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function beijingTime(at: Date, timeZone: string): string {
  return at.toLocaleString('zh-CN', { timeZone, hour12: false });
}

function body(state: ConfirmationPageState, timeZone: string, nonce: string): string {
  switch (state.kind) {
    case 'pending':
      return `<h1>请确认本次沟通记录</h1>
<p>客户：${escapeHtml(state.customerName)}</p>
<p>${escapeHtml(state.repName ?? '我们的销售代表')}于 ${beijingTime(state.occurredAt, timeZone)} 与您${escapeHtml(CHANNEL_NAMES[state.channel] ?? '沟通')}。</p>
<blockquote>${escapeHtml(state.summary)}</blockquote>
<p>如内容属实，请点击下方按钮确认。链接有效期至 ${beijingTime(state.expiresAt, timeZone)}，仅可使用一次。</p>
<button id="confirm" type="button">确认无误</button>
<p id="result" role="status"></p>
<noscript><p>请启用浏览器的 JavaScript 后再点击确认。</p></noscript>
<script nonce="${nonce}">
document.getElementById('confirm').addEventListener('click', async function () {
  this.disabled = true;
  const result = document.getElementById('result');
  const response = await fetch(location.pathname, { method: 'POST', headers: { accept: 'application/json' } });
  result.textContent = response.ok ? '已确认，感谢您的反馈！' :
    response.status === 429 ? '操作过于频繁，请稍后再试。' : '确认未成功：链接已失效或已使用。';
});
</script>`;
    case 'confirmed':
      return `<h1>已确认</h1><p>该沟通记录已于 ${beijingTime(state.confirmedAt, timeZone)} 确认，无需重复操作。</p>`;
    case 'expired':
      return '<h1>链接已过期</h1><p>请联系您的销售代表重新发送确认链接。</p>';
    case 'not_found':
      return '<h1>链接无效</h1><p>请检查链接是否完整，或联系您的销售代表。</p>';
  }
}

/** The whole page; every value from the database is escaped, and the only script carries the nonce. */
export function renderConfirmationPage(
  state: ConfirmationPageState,
  timeZone: string,
  nonce: string,
): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>沟通记录确认</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6}blockquote{background:#f5f5f5;margin:0;padding:.75rem 1rem;white-space:pre-wrap}button{font-size:1.1rem;padding:.5rem 1.5rem}</style>
</head>
<body>
${body(state, timeZone, nonce)}
</body>
</html>
`;
}
