import type { Platform } from '@statex/core'
import type { AuthorizationRequest, OAuthError } from '../oauth.js'
import type { SandboxState } from '../sandbox.js'
import { PLATFORM_TITLES } from '../setup.js'
import { html, layout } from './html.js'

const nav = [{ href: '/', label: 'All platforms' }]

/** The one-click consent page; the form re-sends the original parameters with the decision. */
export function renderConsent(
  state: SandboxState,
  request: AuthorizationRequest,
  params: URLSearchParams,
): string {
  const title = PLATFORM_TITLES[request.platform]
  const hidden = [...params.entries()].filter(([name]) => name !== 'decision' && name !== 'auto')
  const accounts = state.accounts.filter((account) => account.platform === request.platform)
  const scopes = request.scope ? request.scope.split(/[\s,]+/).filter(Boolean) : []
  return layout({
    title: `Connect to ${title}`,
    nav,
    body: html`
<h1>Allow access to your ${title} sandbox account?</h1>
<p class="lead">This stands in for ${title}'s consent screen. Approving sends the browser back to the app at once with a sandbox code.</p>
<div class="card">
  <table>
    <tr><th>App (client_id)</th><td><code>${request.clientId}</code></td></tr>
    <tr><th>Returns to</th><td><code>${request.redirectUri}</code></td></tr>
    <tr><th>Permissions</th><td>${scopes.length ? scopes.map((scope) => html`<code>${scope}</code> `) : html`<span class="muted">none requested</span>`}</td></tr>
    <tr><th>PKCE</th><td>${request.codeChallenge ? `${request.codeChallengeMethod} challenge given` : 'not used'}</td></tr>
    ${accounts.length ? html`<tr><th>Account</th><td>${accounts.map((a) => a.name).join(', ')}</td></tr>` : ''}
  </table>
  <form method="post" action="/oauth/${request.platform}/authorize" style="margin-top:14px; display:flex; gap:10px;">
    ${hidden.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    <button type="submit" name="decision" value="approve">Approve</button>
    <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
  </form>
</div>
<p class="muted">Add <code>auto=1</code> to the authorize URL to skip this page (for scripts and tests).</p>`,
  })
}

export function renderAuthorizeError(platform: Platform, error: OAuthError): string {
  return layout({
    title: 'Authorization error',
    nav,
    body: html`
<h1>${PLATFORM_TITLES[platform]} sandbox: the authorization request is invalid</h1>
<div class="card"><p><code>${error.error}</code></p><p>${error.error_description}</p>
<p class="muted">As on the real platforms, a bad client_id or redirect_uri is shown here and never redirected back.</p></div>`,
  })
}

/** A place to land after consent when trying the flow by hand. */
export function renderCallback(params: URLSearchParams): string {
  const rows = [...params.entries()]
  return layout({
    title: 'OAuth callback',
    nav,
    body: html`
<h1>OAuth callback</h1>
<p class="lead">The sandbox consent page redirected here. Exchange the code at <code>POST /oauth/&lt;platform&gt;/token</code>.</p>
<div class="card"><table>${rows.length ? rows.map(([name, value]) => html`<tr><th>${name}</th><td><code>${value}</code></td></tr>`) : html`<tr><td class="empty">No parameters.</td></tr>`}</table></div>`,
  })
}
