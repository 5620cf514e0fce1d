import { PLATFORMS } from '@statex/core'
import type { SandboxState } from '../sandbox.js'
import { PLATFORM_TITLES } from '../setup.js'
import { html, layout } from './html.js'
import { platformNav } from './platform.js'

export function renderHome(state: SandboxState): string {
  // Running simulators first: they are what a visitor came to use.
  const ordered = [...PLATFORMS].sort(
    (a, b) => Number(state.simulators.has(b)) - Number(state.simulators.has(a)),
  )
  const cards = ordered.map((platform) => {
    const simulator = state.simulators.get(platform)
    const accounts = state.accounts.filter((account) => account.platform === platform)
    return html`
<div class="card">
  <h3>${simulator ? html`<a href="/${platform}">${PLATFORM_TITLES[platform]}</a>` : PLATFORM_TITLES[platform]}
    <span class="status ${simulator ? 'on' : 'off'}">${simulator ? 'simulator running' : 'adapter not built yet'}</span></h3>
  ${
    simulator
      ? html`<p class="muted">Adapter <code>baseUrl</code><code class="url">${state.url}/${platform}</code></p>
  <table>
    <tr><th>Account</th><th>Posts</th></tr>
    ${accounts.map((account) => html`<tr><td>${account.name}<br><span class="muted mono">${account.auth.externalAccountId}</span></td><td>${countPosts(state, account)}</td></tr>`)}
  </table>`
      : html`<p class="muted">Requests to <code>/${platform}/…</code> answer 404 until its adapter and simulator land. The OAuth consent page works already: <a href="/oauth/${platform}/authorize?client_id=sandbox-demo&amp;redirect_uri=${encodeURIComponent(`${state.url}/_sandbox/oauth/callback`)}&amp;state=demo&amp;scope=demo">try it</a>.</p>`
  }
</div>`
  })
  return layout({
    title: 'Platforms',
    nav: platformNav(state),
    body: html`
<h1>Platforms</h1>
<p class="lead">Point an adapter's <code>baseUrl</code> at <code>${state.url}/&lt;platform&gt;</code>. Webhooks go to <code>${state.config.apiUrl}/v1/webhooks/&lt;platform&gt;</code>.
Credentials as JSON: <a href="/_sandbox/accounts">/_sandbox/accounts</a>.</p>
<div class="grid">${cards}</div>`,
  })
}

function countPosts(
  state: SandboxState,
  account: SandboxState['accounts'][number],
): number | string {
  try {
    return state.simulators.get(account.platform)?.countPosts(account.auth) ?? 0
  } catch {
    return '?'
  }
}
