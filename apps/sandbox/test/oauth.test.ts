import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSandbox } from './helpers.js'

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
beforeAll(async () => {
  sandbox = await startTestSandbox([])
})
afterAll(() => sandbox.close())

const redirectUri = 'http://127.0.0.1:3000/api/accounts/callback/linkedin'
const verifier = randomBytes(32).toString('base64url')
const challenge = createHash('sha256').update(verifier).digest('base64url')

function authorizeUrl(params: Record<string, string>, platform = 'linkedin'): string {
  return `${sandbox.url}/oauth/${platform}/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: 'statex-app',
    redirect_uri: redirectUri,
    state: 'st<ate>&1',
    scope: 'openid w_member_social',
    ...params,
  })}`
}

/** Runs the consent page automatically and returns the code from the redirect. */
async function getCode(
  params: Record<string, string> = {},
  platform = 'linkedin',
): Promise<string> {
  const answer = await fetch(authorizeUrl({ auto: '1', ...params }, platform), {
    redirect: 'manual',
  })
  expect(answer.status).toBe(302)
  const location = new URL(answer.headers.get('location')!)
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri)
  expect(location.searchParams.get('state')).toBe('st<ate>&1')
  return location.searchParams.get('code')!
}

async function token(
  fields: Record<string, string>,
  platform = 'linkedin',
  headers: Record<string, string> = {},
) {
  const answer = await fetch(`${sandbox.url}/oauth/${platform}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  })
  return {
    status: answer.status,
    cache: answer.headers.get('cache-control'),
    body: (await answer.json()) as Record<string, unknown>,
  }
}

describe('the sandbox OAuth server', () => {
  it('renders a one-click consent page that approves with a redirect carrying code and state', async () => {
    const page = await fetch(
      authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }),
    )
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Allow access to your LinkedIn sandbox account?')
    expect(html).toContain('<code>w_member_social</code>')
    expect(html).toContain('value="st&lt;ate&gt;&amp;1"')
    const form = new URLSearchParams({
      response_type: 'code',
      client_id: 'statex-app',
      redirect_uri: redirectUri,
      state: 'st<ate>&1',
      decision: 'approve',
    })
    const approved = await fetch(`${sandbox.url}/oauth/linkedin/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    expect(approved.status).toBe(303)
    const location = new URL(approved.headers.get('location')!)
    expect(location.searchParams.get('code')).toMatch(/^sandbox-linkedin-code-/)
    expect(location.searchParams.get('state')).toBe('st<ate>&1')
  })

  it('sends access_denied back when the person denies', async () => {
    const form = new URLSearchParams({
      client_id: 'statex-app',
      redirect_uri: redirectUri,
      state: 's1',
      decision: 'deny',
    })
    const denied = await fetch(`${sandbox.url}/oauth/twitter/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    const location = new URL(denied.headers.get('location')!)
    expect(location.searchParams.get('error')).toBe('access_denied')
    expect(location.searchParams.get('state')).toBe('s1')
    expect(location.searchParams.has('code')).toBe(false)
  })

  it('exchanges a code (PKCE S256) for tokens, once, and refreshes with rotation', async () => {
    const code = await getCode({ code_challenge: challenge, code_challenge_method: 'S256' })
    const first = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: 'statex-app',
      code_verifier: verifier,
    })
    expect(first.status).toBe(200)
    expect(first.cache).toBe('no-store')
    expect(first.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      scope: 'openid w_member_social',
    })
    expect(first.body.access_token).toMatch(/^sandbox-linkedin-access-/)
    expect(first.body.refresh_token).toMatch(/^sandbox-linkedin-refresh-/)

    const again = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    })
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.access_token).not.toBe(first.body.access_token)
    const reused = await token({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    })
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  })

  it('accepts HTTP Basic client authentication and a code without PKCE', async () => {
    const code = await getCode({}, 'twitter')
    const basic = `Basic ${Buffer.from('statex-app:secret').toString('base64')}`
    const answer = await token(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
      'twitter',
      { authorization: basic },
    )
    expect(answer.status).toBe(200)
    expect(answer.body.access_token).toMatch(/^sandbox-twitter-access-/)
  })

  it('rejects a redirect_uri that differs from the one authorized', async () => {
    const code = await getCode({ code_challenge: challenge, code_challenge_method: 'S256' })
    const answer = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${redirectUri}/other`,
      code_verifier: verifier,
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringContaining('redirect_uri'),
    })
  })

  it('rejects a wrong or missing PKCE verifier', async () => {
    const wrong = await token({
      grant_type: 'authorization_code',
      code: await getCode({ code_challenge: challenge, code_challenge_method: 'S256' }),
      redirect_uri: redirectUri,
      code_verifier: randomBytes(32).toString('base64url'),
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringContaining('code_verifier'),
    })
    const missing = await token({
      grant_type: 'authorization_code',
      code: await getCode({ code_challenge: challenge, code_challenge_method: 'S256' }),
      redirect_uri: redirectUri,
    })
    expect(missing.body.error).toBe('invalid_grant')
  })

  it('rejects a code from another platform, another client, and unknown grant types', async () => {
    const code = await getCode()
    expect(
      (
        await token(
          { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
          'facebook',
        )
      ).body.error,
    ).toBe('invalid_grant')
    const other = await token({
      grant_type: 'authorization_code',
      code: await getCode(),
      redirect_uri: redirectUri,
      client_id: 'someone-else',
    })
    expect(other).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
    expect((await token({ grant_type: 'password' })).body).toMatchObject({
      error: 'unsupported_grant_type',
    })
  })

  it('shows a bad authorization request instead of redirecting it', async () => {
    const bad: Record<string, string>[] = [
      { redirect_uri: 'not a url' },
      { client_id: '' },
      { code_challenge_method: 'S512', code_challenge: 'x' },
    ]
    for (const params of bad) {
      const answer = await fetch(authorizeUrl({ auto: '1', ...params }), { redirect: 'manual' })
      expect(answer.status).toBe(400)
      expect(answer.headers.get('location')).toBeNull()
      expect(await answer.text()).toContain('invalid_request')
    }
  })
})
