import type { Platform } from '@statex/core'
import type { SimulatedPost } from '@statex/testkit/simulator'
import type { SandboxState } from '../sandbox.js'
import { PLATFORM_TITLES, type SandboxAccount } from '../setup.js'
import { formatTime, html, layout, type NavItem, type SafeHtml } from './html.js'
import { findMedia } from './media.js'

export function platformNav(state: SandboxState, current?: Platform): NavItem[] {
  return [
    { href: '/', label: 'All platforms', current: current === undefined },
    ...[...state.simulators.keys()].map((platform) => ({
      href: `/${platform}`,
      label: PLATFORM_TITLES[platform],
      current: platform === current,
    })),
    { href: '/mail', label: 'Mail', current: false },
  ]
}

/** What was published on one platform, newest first, with a form to answer as a person would. */
export function renderPlatform(
  state: SandboxState,
  platform: Platform,
  query: URLSearchParams,
): string {
  const title = PLATFORM_TITLES[platform]
  const accounts = state.accounts.filter((account) => account.platform === platform)
  const added = query.get('added')
  const error = query.get('error')
  const deliveries = state.relay.deliveries(platform).slice(0, 10)
  return layout({
    title,
    nav: platformNav(state, platform),
    body: html`
<h1>${title}</h1>
<p class="lead">Adapter <code>baseUrl</code>: <code>${state.url}/${platform}</code> · webhooks to <code>${state.relay.targetUrl(platform)}</code></p>
${added ? html`<div class="notice">Added <code>${added}</code>. It is queued for webhook delivery where ${title} pushes.</div>` : ''}
${error ? html`<div class="notice" style="background:#fdecec;border-color:#f3b8b8">${error}</div>` : ''}
${accounts.length ? accounts.map((account) => renderAccount(state, account)) : html`<p class="empty">No sandbox accounts.</p>`}
<h2>Webhook deliveries to the API</h2>
<div class="card">${
      deliveries.length
        ? html`<table><tr><th>Time</th><th>What</th><th>Result</th></tr>${deliveries.map(
            (d) =>
              html`<tr><td>${formatTime(d.at)}</td><td>${d.summary}</td><td class="${d.status && d.status < 300 ? 'ok' : 'bad'}">${d.status ? `HTTP ${d.status}` : `not delivered: ${d.error ?? 'unknown'}`}</td></tr>`,
          )}</table>
        <p class="muted">The API route is <code>${state.relay.targetUrl(platform)}</code>; a delivery that did not reach a running API (or that it refused) shows here with what it answered.${platform === 'telegram' ? ' Telegram keeps an undelivered update and sends it again before newer ones.' : ''}</p>`
        : html`<p class="empty">None yet.</p>`
    }</div>`,
  })
}

function renderAccount(state: SandboxState, account: SandboxAccount): SafeHtml {
  const simulator = state.simulators.get(account.platform)!
  let posts: SimulatedPost[] = []
  try {
    posts = [...simulator.listPosts(account.auth)].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
    )
  } catch (error) {
    state.log(
      `sandbox: listing ${account.platform} posts failed: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  return html`
<h2>${account.name}</h2>
<div class="card">
  <p class="muted">Account id <code>${account.auth.externalAccountId}</code> · token <code>${account.auth.accessToken}</code> (sandbox only)</p>
  <h3>Published (${posts.length})</h3>
  ${posts.length ? posts.map(renderPost) : html`<p class="empty">Nothing published yet.</p>`}
</div>
<div class="card">
  <h3>Answer as a person</h3>
  <form class="interact" method="post" action="/_sandbox/interactions">
    <input type="hidden" name="platform" value="${account.platform}">
    <input type="hidden" name="account" value="${account.auth.externalAccountId}">
    <label>On
      <select name="post">
        <option value="">A message to ${account.name} (no post)</option>
        ${posts.map((post) => html`<option value="${post.externalId}">An answer to ${shorten(post.externalId, 24)}: ${snippet(post.text)}</option>`)}
      </select>
    </label>
    ${
      account.authors
        ? html`<label>From<input name="author" list="authors-${account.auth.externalAccountId}" maxlength="100" placeholder="${`the recipient, or ${account.authors[0] ?? 'a customer'}`}">
      <datalist id="authors-${account.auth.externalAccountId}">${account.authors.map((name) => html`<option value="${name}">`)}</datalist></label>`
        : html`<label>Name<input name="author" value="Sandbox visitor" maxlength="100"></label>`
    }
    <label class="wide">Text<textarea name="text" required maxlength="4096" placeholder="Great post! When is the next one?"></textarea></label>
    <div><button type="submit">Add</button></div>
  </form>
  ${renderAdded(state, account)}
</div>`
}

function renderAdded(state: SandboxState, account: SandboxAccount): SafeHtml | '' {
  const added = state.added
    .filter(
      (entry) =>
        entry.platform === account.platform &&
        entry.externalAccountId === account.auth.externalAccountId,
    )
    .slice(-10)
    .reverse()
  if (!added.length) return ''
  return html`<h3 style="margin-top:16px">Added from this page</h3>
  <table><tr><th>Time</th><th>On</th><th>From</th><th>Text</th><th>Id</th></tr>${added.map(
    (entry) =>
      html`<tr><td>${formatTime(entry.at)}</td><td>${entry.externalPostId ? shorten(entry.externalPostId, 24) : 'message'}</td><td>${entry.authorName ?? '(default)'}</td><td>${entry.text}</td><td><code>${shorten(entry.externalId, 24)}</code></td></tr>`,
  )}</table>`
}

function renderPost(post: SimulatedPost): SafeHtml {
  const media = findMedia(post as SimulatedPost & { media?: unknown })
  const activity = [...(post.activity ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime())
  return html`
<div class="post" id="post-${post.externalId}">
  <div class="meta"><span>${formatTime(post.createdAt)}</span><span>id <code>${post.externalId}</code></span></div>
  ${post.text ? html`<div class="text">${post.text}</div>` : html`<div class="text empty">(no text)</div>`}
  ${
    media.length
      ? html`<div class="media">${media.map((item) =>
          item.ref && /^https?:\/\//.test(item.ref) && /photo|image/.test(item.kind)
            ? html`<a href="${item.ref}"><img src="${item.ref}" alt="${item.kind}"></a>`
            : html`<span>${item.kind}${item.ref ? html` · <span class="mono">${shorten(item.ref)}</span>` : ''}</span>`,
        )}</div>`
      : ''
  }
  ${
    activity.length
      ? html`<ul class="activity">${activity.map((entry) => html`<li><span class="kind">${entry.kind}</span>${entry.text} <span class="muted">${formatTime(entry.at)}</span></li>`)}</ul>`
      : ''
  }
</div>`
}

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || '(no text)'
}

function shorten(ref: string, max = 48): string {
  return ref.length > max ? `${ref.slice(0, max - 1)}…` : ref
}

export function renderNotFound(state: SandboxState, platform: Platform): string {
  return layout({
    title: PLATFORM_TITLES[platform],
    nav: platformNav(state),
    body: html`<h1>${PLATFORM_TITLES[platform]}</h1>
<div class="card"><p>The ${PLATFORM_TITLES[platform]} adapter is not built yet, so there is no simulator to show.</p>
<p class="muted">Its OAuth consent page already works at <code>/oauth/${platform}/authorize</code>.</p></div>`,
  })
}
