import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSetup, type FakeSimulator } from './fake-simulator.js'
import { startTestSandbox } from './helpers.js'

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
let simulator: FakeSimulator
let statePath: string
const account = { accessToken: '123:fixed-token', externalAccountId: '-100777' }

beforeAll(async () => {
  statePath = join(await mkdtemp(join(tmpdir(), 'sandbox-')), 'state.json')
  sandbox = await startTestSandbox([fakeSetup((sim) => (simulator = sim))], {
    SANDBOX_STATE: statePath,
  })
})
afterAll(() => sandbox.close())

async function publish(text: string, extra: Record<string, string> = {}): Promise<string> {
  const answer = await fetch(`${sandbox.url}/telegram/publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: account.externalAccountId, text, ...extra }),
  })
  return ((await answer.json()) as { id: string }).id
}

const page = async (path: string) => {
  const answer = await fetch(`${sandbox.url}${path}`)
  return {
    status: answer.status,
    type: answer.headers.get('content-type'),
    html: await answer.text(),
  }
}

describe('accounts and health', () => {
  it('lists the fixed accounts as sandbox-only credentials', async () => {
    const answer = await fetch(`${sandbox.url}/_sandbox/accounts`)
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { sandbox: boolean; notice: string; accounts: unknown[] }
    expect(body.sandbox).toBe(true)
    expect(body.notice).toMatch(/sandbox-only fake credentials/i)
    expect(body.accounts).toEqual([
      {
        platform: 'telegram',
        name: 'Fake Channel',
        ...account,
        baseUrl: `${sandbox.url}/telegram`,
      },
    ])
    expect(simulator.listAccounts()).toEqual([{ name: 'Fake Channel', auth: account }])
  })

  it('writes the same list to SANDBOX_STATE', async () => {
    const written = JSON.parse(await readFile(statePath, 'utf8')) as {
      accounts: { accessToken: string }[]
    }
    expect(written.accounts.map((a) => a.accessToken)).toEqual([account.accessToken])
  })

  it('answers /health with JSON', async () => {
    const answer = await fetch(`${sandbox.url}/health`)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({
      status: 'ok',
      sandbox: true,
      simulators: { telegram: `${sandbox.url}/telegram` },
    })
  })
})

describe('pages', () => {
  it('lists every platform on the home page, running or not', async () => {
    const { status, type, html } = await page('/')
    expect(status).toBe(200)
    expect(type).toContain('text/html')
    for (const name of ['LinkedIn', 'Facebook Pages', 'X', 'Instagram', 'Telegram', 'WhatsApp'])
      expect(html).toContain(name)
    expect(html).toContain('Fake Channel')
    // Only the fake "telegram" runs here, so the other five say so.
    expect(html.match(/adapter not built yet/g)).toHaveLength(5)
  })

  it('shows what was published, newest first, with media', async () => {
    const older = await publish('First post', { at: '2026-01-01T10:00:00Z' })
    const newer = await publish('Second post', {
      at: '2026-01-02T10:00:00Z',
      photo: 'AgACphoto-large',
    })
    const { html } = await page('/telegram')
    expect(html.indexOf(`id="post-${newer}"`)).toBeGreaterThan(-1)
    expect(html.indexOf(`id="post-${newer}"`)).toBeLessThan(html.indexOf(`id="post-${older}"`))
    expect(html).toContain('2026-01-02 10:00:00 UTC')
    expect(html).toContain('photo · <span class="mono">AgACphoto-large</span>')
  })

  it('escapes user text everywhere it appears', async () => {
    const id = await publish('<script>alert("x")</script> & \'quotes\'')
    simulator.simulateInteraction({
      account,
      externalPostId: id,
      text: '<img src=x onerror=alert(1)>',
      authorName: '<b>Eve</b>',
    })
    const { html } = await page('/telegram')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('<b>Eve</b>')
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;',
    )
    expect(html).toContain('&lt;b&gt;Eve&lt;/b&gt;: &lt;img src=x onerror=alert(1)&gt;')
  })

  it('answers 404 pages for platforms without a simulator and unknown paths', async () => {
    expect((await page('/instagram')).status).toBe(404)
    expect((await page('/instagram')).html).toContain('not built yet')
    expect((await page('/nowhere')).status).toBe(404)
  })
})

describe('the comment form', () => {
  it('creates the interaction through the simulator and redirects back', async () => {
    const id = await publish('Comment on me')
    const answer = await fetch(`${sandbox.url}/_sandbox/interactions`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        platform: 'telegram',
        account: '-100777',
        post: id,
        author: 'Ada',
        text: 'Lovely!',
      }),
    })
    expect(answer.status).toBe(303)
    const location = answer.headers.get('location')!
    expect(location).toMatch(/^\/telegram\?added=i\d+$/)
    expect(simulator.findPost(account, id)!.activity).toEqual([
      expect.objectContaining({ kind: 'comment', text: 'Ada: Lovely!' }),
    ])
    const { html } = await page(location)
    expect(html).toContain('Ada: Lovely!')
    expect(html).toContain(
      `Added <code>${new URLSearchParams(location.split('?')[1]).get('added')}</code>`,
    )
  })

  it('sends a message to the account when no post is chosen', async () => {
    const before = simulator.pushes.length
    const answer = await fetch(`${sandbox.url}/_sandbox/interactions`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        platform: 'telegram',
        account: '-100777',
        post: '',
        text: 'Hello there',
      }),
    })
    expect(answer.status).toBe(303)
    expect(simulator.pushes.length).toBe(before + 1)
    const { html } = await page('/telegram')
    expect(html).toContain('Added from this page')
    expect(html).toMatch(/<td>message<\/td><td>\(default\)<\/td><td>Hello there<\/td>/)
  })

  it('refuses empty text and unknown accounts without touching the simulator', async () => {
    const before = simulator.pushes.length
    for (const fields of [
      { platform: 'telegram', account: '-100777', text: '   ' },
      { platform: 'telegram', account: 'someone-else', text: 'hi' },
    ]) {
      const answer = await fetch(`${sandbox.url}/_sandbox/interactions`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(fields),
      })
      expect(answer.status).toBe(303)
      expect(answer.headers.get('location')).toContain('error=')
    }
    const bad = await fetch(`${sandbox.url}/_sandbox/interactions`, {
      method: 'POST',
      body: new URLSearchParams({ platform: 'linkedin', text: 'x' }),
    })
    expect(bad.status).toBe(400)
    expect(simulator.pushes.length).toBe(before)
  })
})
