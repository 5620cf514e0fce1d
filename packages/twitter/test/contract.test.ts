import { runProviderContract } from '@statex/testkit'
import type { MediaItem } from '@statex/core'
import { afterAll, expect } from 'vitest'
import { twitter } from '../src/index.js'
import { createXSimulator, type XSimulator } from '../src/testing.js'
import { videoBytes } from './helpers.js'

let sim: XSimulator | undefined

// The URL exists only once the simulator runs; the kit reads the fixture before that.
const video: MediaItem = {
  type: 'video',
  mimeType: 'video/mp4',
  get url() {
    return sim!.hostMedia({ bytes: videoBytes(5 * 1024 * 1024), mimeType: 'video/mp4' })
  },
}

runProviderContract({
  simulator: async () => (sim = await createXSimulator()),
  provider: (s, o) =>
    twitter({ baseUrl: o.baseUrl ?? s.baseUrl, clientId: 'contract-client', pageSize: 10 }),
  fixtures: {
    validPost: {
      text: 'Launch day: Statex Social is live & ready <3',
      link: 'https://statex.example/launch',
    },
    invalidPost: {
      post: {
        text: '字'.repeat(141),
        media: [{ url: 'not a url', type: 'image' }],
        options: { twitter: { replySettings: 'everyone' as 'following' } },
      },
      paths: ['text', 'media[0].url', 'options.twitter.replySettings'],
    },
    pendingPost: { text: 'A video, processed by X after upload', media: [video] },
  },
})

afterAll(() => {
  // Every request the adapter sent during the contract validated against the X OpenAPI file.
  expect(sim?.invalidRequests ?? []).toEqual([])
})
