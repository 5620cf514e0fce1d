import { describe, expect, it } from 'vitest'
import { verifiedIdentity } from '../src/server/oauth-providers'

// Shaped as GitHub documents GET /user/emails (https://docs.github.com/en/rest/users/emails).
const githubEmails = (emails: { email: string; primary: boolean; verified: boolean }[]) => {
  const calls: { url: string; authorization: string | null }[] = []
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      authorization: new Headers(init?.headers).get('authorization'),
    })
    return Response.json(emails.map((e) => ({ ...e, visibility: 'private' })))
  }) as typeof fetch
  return { calls, fetchImpl }
}

describe('verifiedIdentity', () => {
  it('takes the GitHub primary email only when GitHub verified it, not the profile email', async () => {
    const verified = githubEmails([
      { email: 'old@example.com', primary: false, verified: true },
      { email: 'ada@example.com', primary: true, verified: true },
    ])
    expect(
      await verifiedIdentity(
        {
          provider: 'github',
          accessToken: 'gho_x',
          profile: { email: 'typed@example.com', login: 'ada' },
        },
        verified.fetchImpl,
      ),
    ).toEqual({ email: 'ada@example.com', name: 'ada' })
    expect(verified.calls).toEqual([
      { url: 'https://api.github.com/user/emails', authorization: 'Bearer gho_x' },
    ])
    const unverified = githubEmails([{ email: 'ada@example.com', primary: true, verified: false }])
    expect(
      await verifiedIdentity(
        { provider: 'github', accessToken: 'gho_x', profile: { email: 'ada@example.com' } },
        unverified.fetchImpl,
      ),
    ).toBeNull()
  })

  it('believes Google and OIDC only with email_verified', async () => {
    const profile = { email: 'lin@example.com', name: 'Lin' }
    for (const provider of ['google', 'oidc']) {
      expect(
        await verifiedIdentity({ provider, profile: { ...profile, email_verified: true } }),
      ).toEqual({ email: 'lin@example.com', name: 'Lin' })
      expect(await verifiedIdentity({ provider, profile })).toBeNull()
      expect(
        await verifiedIdentity({ provider, profile: { ...profile, email_verified: false } }),
      ).toBeNull()
    }
  })
})
