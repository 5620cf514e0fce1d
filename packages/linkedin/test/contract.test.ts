import { runProviderContract } from '@statex/testkit'
import { afterAll, expect } from 'vitest'
import { linkedin } from '../src/index.js'
import { createLinkedInSimulator, type LinkedInSimulator } from '../src/testing.js'

let sim: LinkedInSimulator | undefined

runProviderContract({
  simulator: async () => (sim = await createLinkedInSimulator()),
  provider: (s, o) =>
    linkedin({
      baseUrl: o.baseUrl ?? s.baseUrl,
      oauthBaseUrl: s.baseUrl,
      clientId: 'contract-client',
      clientSecret: 'contract-secret',
      pageSize: 10,
      version: '202611',
    }),
  fixtures: {
    validPost: {
      text: 'Launch day (v1.0): Statex Social is live! #launch [details below] <3 *all* _of_ ~it~ | \\o/ {yes} @everyone',
      link: 'https://statex.example/launch',
    },
    invalidPost: {
      post: {
        text: 'x'.repeat(3001),
        thread: [{ text: 'LinkedIn has no threads' }],
        options: { linkedin: { visibility: 'FRIENDS' as 'PUBLIC' } },
      },
      paths: ['text', 'thread', 'options.linkedin.visibility'],
    },
  },
})

afterAll(() => {
  // Every request the adapter sent followed LinkedIn's protocol rules.
  expect(sim?.invalidRequests ?? []).toEqual([])
})
