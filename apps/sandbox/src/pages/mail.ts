import type { SandboxState } from '../sandbox.js'
import { formatTime, html, layout, SafeHtml, escapeHtml } from './html.js'
import { platformNav } from './platform.js'

/** Plain text with its http(s) URLs as links (escaped first, so nothing in a mail becomes markup). */
function linkify(text: string): SafeHtml {
  const escaped = escapeHtml(text)
  return new SafeHtml(
    escaped.replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`),
  )
}

/** The mails the sandbox's SMTP catcher received, newest first. */
export function renderMail(state: SandboxState): string {
  const catcher = state.mail
  const mails = [...(catcher?.mails ?? [])].reverse()
  return layout({
    title: 'Mail',
    nav: platformNav(state).map((item) => ({ ...item, current: item.href === '/mail' })),
    body: html`
<h1>Mail</h1>
${
  catcher
    ? html`<p class="lead">The sandbox's SMTP server listens on <code>${state.config.host}:${catcher.port}</code>; <code>npm start</code> points the worker's <code>SMTP_HOST</code>/<code>SMTP_PORT</code> at it. Nothing leaves this machine. As JSON: <a href="/_sandbox/mail">/_sandbox/mail</a>.</p>`
    : html`<p class="lead">No SMTP catcher runs: set <code>SANDBOX_SMTP_PORT</code> (npm start sets 2525).</p>`
}
${
  mails.length === 0
    ? html`<p class="muted">No mail yet. A failed post, an approval request or a reconnect warning sends one to each member who chose email.</p>`
    : html`<table class="mail">
  <tr><th>Received</th><th>To</th><th>Subject</th></tr>
  ${mails.map(
    (m) => html`<tr><td class="mono">${formatTime(m.receivedAt)}</td><td>${m.to.join(', ')}</td><td>
    <details><summary>${m.subject}</summary><pre class="mail-body">${linkify(m.text)}</pre><p class="muted">From ${m.from}</p></details></td></tr>`,
  )}
</table>`
}`,
  })
}
