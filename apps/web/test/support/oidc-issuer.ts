import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Who the issuer signs in next: the test sets it before clicking the button. */
export interface OidcPerson {
  sub: string
  email: string
  email_verified: boolean
  name: string
}

export interface OidcIssuer {
  issuer: string
  clientId: string
  clientSecret: string
  /** The person the next authorization signs in, without a login form. */
  signInAs: (person: OidcPerson) => void
  close: () => Promise<void>
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url')

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  return new URLSearchParams(body)
}

/**
 * A minimal OpenID Connect provider for the e2e (OpenID Connect Core 1.0, Discovery 1.0):
 * discovery, an authorize endpoint that approves at once, the token endpoint (client secret,
 * PKCE S256), userinfo and JWKS with an RS256 key generated per run. Enough for next-auth's
 * openid-client to run the real code flow; nothing else is faked.
 */
export async function startOidcIssuer(): Promise<OidcIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomBytes(8).toString('hex')
  const clientId = 'statex-e2e'
  const clientSecret = randomBytes(16).toString('hex')
  let next: OidcPerson | null = null
  const codes = new Map<
    string,
    { person: OidcPerson; challenge: string; nonce?: string; redirectUri: string }
  >()
  const tokens = new Map<string, OidcPerson>()
  let issuer = ''

  const idToken = (person: OidcPerson, nonce?: string) => {
    const now = Math.floor(Date.now() / 1000)
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))
    const payload = b64url(
      JSON.stringify({
        iss: issuer,
        aud: clientId,
        iat: now,
        exp: now + 300,
        ...person,
        ...(nonce ? { nonce } : {}),
      }),
    )
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey)
    return `${header}.${payload}.${b64url(signature)}`
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer)
    const json = (status: number, body: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      })
      response.end(JSON.stringify(body))
    }
    void (async () => {
      if (url.pathname === '/.well-known/openid-configuration')
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          code_challenge_methods_supported: ['S256'],
        })
      if (url.pathname === '/jwks')
        return json(200, {
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
        })
      if (url.pathname === '/authorize') {
        const q = url.searchParams
        const redirectUri = q.get('redirect_uri') ?? ''
        if (q.get('client_id') !== clientId || !next || q.get('code_challenge_method') !== 'S256')
          return json(400, { error: 'invalid_request' })
        const code = randomBytes(16).toString('hex')
        codes.set(code, {
          person: next,
          challenge: q.get('code_challenge') ?? '',
          redirectUri,
          ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
        })
        const back = new URL(redirectUri)
        back.searchParams.set('code', code)
        if (q.get('state')) back.searchParams.set('state', q.get('state')!)
        response.writeHead(302, { location: back.toString() })
        return response.end()
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        const form = await formOf(request)
        const basic = request.headers.authorization?.startsWith('Basic ')
          ? Buffer.from(request.headers.authorization.slice(6), 'base64')
              .toString()
              .split(':')
              .map(decodeURIComponent)
          : [form.get('client_id'), form.get('client_secret')]
        if (basic[0] !== clientId || basic[1] !== clientSecret)
          return json(401, { error: 'invalid_client' })
        const grant = codes.get(form.get('code') ?? '')
        codes.delete(form.get('code') ?? '')
        const verifier = form.get('code_verifier') ?? ''
        if (
          !grant ||
          grant.redirectUri !== form.get('redirect_uri') ||
          b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge
        )
          return json(400, { error: 'invalid_grant' })
        const accessToken = randomBytes(16).toString('hex')
        tokens.set(accessToken, grant.person)
        return json(200, {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken(grant.person, grant.nonce),
        })
      }
      if (url.pathname === '/userinfo') {
        const person = tokens.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '')
        return person ? json(200, person) : json(401, { error: 'invalid_token' })
      }
      json(404, { error: 'not_found' })
    })().catch((error: unknown) => json(500, { error: String(error) }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (person) => {
      next = person
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
