import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createXSimulator, type XSimulator } from '../src/testing.js'

let sim: XSimulator
let token: string
beforeAll(async () => {
  sim = await createXSimulator()
  token = sim.createAccount({ name: 'Raw' }).accessToken
})
afterAll(() => sim.close())

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })

describe('the simulator checks requests against the X OpenAPI file', () => {
  it.each([
    [
      'an unknown body field',
      'POST',
      '/2/tweets',
      { text: 'hi', colour: 'red' },
      /additional properties/,
    ],
    [
      'a poll with one option',
      'POST',
      '/2/tweets',
      { text: 'q', poll: { options: ['a'], duration_minutes: 60 } },
      /fewer than 2 items/,
    ],
    [
      'five media ids',
      'POST',
      '/2/tweets',
      { text: 'x', media: { media_ids: ['1', '2', '3', '4', '5'] } },
      /more than 4 items/,
    ],
    [
      'an unknown query parameter',
      'GET',
      '/2/users/me?fields=id',
      undefined,
      /query parameter \[fields\]/,
    ],
    [
      'a tweet field that does not exist',
      'GET',
      '/2/tweets?ids=1&tweet.fields=colour',
      undefined,
      /tweet\.fields/,
    ],
    ['ids missing', 'GET', '/2/tweets', undefined, /ids is required/],
    ['a non-numeric tweet id', 'DELETE', '/2/tweets/abc', undefined, /id:/],
    [
      'max_results under 5 for mentions',
      'GET',
      '/2/users/1/mentions?max_results=2',
      undefined,
      /max_results/,
    ],
    ['an operation the file does not have', 'PUT', '/2/tweets', { text: 'x' }, /not an operation/],
  ])(
    'refuses %s with 400 invalid-request and records it',
    async (_name, method, path, body, problem) => {
      const before = sim.invalidRequests.length
      const res = await call(method, path, body)
      expect(res.status).toBe(400)
      const json = (await res.json()) as { type: string; errors: { message: string }[] }
      expect(json.type).toBe('https://api.twitter.com/2/problems/invalid-request')
      expect(sim.invalidRequests.length).toBe(before + 1)
      expect(sim.invalidRequests.at(-1)!.problems.join('; ')).toMatch(problem)
    },
  )

  it('refuses a token without the scopes the operation lists', async () => {
    sim.account(token)!.scopes.delete('tweet.write')
    const res = await call('POST', '/2/tweets', { text: 'hi' })
    expect(res.status).toBe(403)
    sim.account(token)!.scopes.add('tweet.write')
    expect((await call('POST', '/2/tweets', { text: 'hi' })).status).toBe(201)
  })
})
