import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLinkedInSimulator, type LinkedInSimulator } from '../src/testing.js'

let sim: LinkedInSimulator
let token: string
let org: string
beforeAll(async () => {
  sim = await createLinkedInSimulator()
  const account = sim.createAccount({ name: 'Raw' })
  token = account.accessToken
  org = account.externalAccountId
})
afterAll(() => sim.close())

const headers = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  'linkedin-version': '202611',
  'x-restli-protocol-version': '2.0.0',
  'content-type': 'application/json',
  ...extra,
})
const post = (body: unknown, extra?: Record<string, string>) =>
  fetch(`${sim.baseUrl}/rest/posts`, {
    method: 'POST',
    headers: headers(extra),
    body: JSON.stringify(body),
  })

describe('the simulator holds to LinkedIn protocol rules', () => {
  it('needs LinkedIn-Version, an active one, and X-Restli-Protocol-Version 2.0.0', async () => {
    const body = {
      author: org,
      commentary: 'x',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED' },
      lifecycleState: 'PUBLISHED',
    }
    const missing = await fetch(`${sim.baseUrl}/rest/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([
      400,
      'VERSION_MISSING',
    ])
    const old = await post(body, { 'linkedin-version': '202401' })
    expect([old.status, ((await old.json()) as { code: string }).code]).toEqual([
      426,
      'NONEXISTENT_VERSION',
    ])
    const restli = await post(body, { 'x-restli-protocol-version': '1.0.0' })
    expect(restli.status).toBe(400)
    expect((await post(body)).status).toBe(201)
    expect(sim.invalidRequests.map((r) => r.problem)).toEqual([
      'LinkedIn-Version missing',
      'X-Restli-Protocol-Version: 2.0.0 is required.',
    ])
  })

  it('lists every missing required field in a 422', async () => {
    const res = await post({ commentary: 'x' })
    expect(res.status).toBe(422)
    const { message } = (await res.json()) as { message: string }
    for (const field of ['author', 'visibility', 'distribution', 'lifecycleState'])
      expect(message).toContain(
        `ERROR :: /${field} :: field is required but not found and has no default value`,
      )
  })

  it('wants URNs percent-encoded in paths', async () => {
    const created = await post({
      author: org,
      commentary: 'to delete',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED' },
      lifecycleState: 'PUBLISHED',
    })
    const urn = created.headers.get('x-restli-id')!
    const raw = await fetch(`${sim.baseUrl}/rest/posts/${urn}`, {
      method: 'DELETE',
      headers: headers(),
    })
    expect(raw.status).toBe(400)
    const encoded = await fetch(`${sim.baseUrl}/rest/posts/${encodeURIComponent(urn)}`, {
      method: 'DELETE',
      headers: headers(),
    })
    expect(encoded.status).toBe(204)
  })

  it('cuts commentary at an unescaped reserved character, as LinkedIn does', async () => {
    const created = await post({
      author: org,
      commentary: 'Hello (world)',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED' },
      lifecycleState: 'PUBLISHED',
    })
    expect(created.status).toBe(201)
    expect(sim.post(created.headers.get('x-restli-id')!)!.rendered).toBe('Hello ')
  })
})
