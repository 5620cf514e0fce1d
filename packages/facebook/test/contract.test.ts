import { runProviderContract } from '@statex/testkit'
import { facebook } from '../src/index.js'
import { createFacebookSimulator } from '../src/testing.js'

const appSecret = 'contract-app-secret'

runProviderContract({
  simulator: () => createFacebookSimulator({ appSecret, requireAppSecretProof: true }),
  provider: (sim, o) =>
    facebook({
      baseUrl: o.baseUrl ?? sim.baseUrl,
      appId: sim.appId,
      appSecret,
      verifyToken: 'vt',
      pageSize: 10,
    }),
  fixtures: {
    validPost: { text: 'Our spring opening hours are online.', link: 'https://example.com/hours' },
    invalidPost: {
      post: {
        text: 'x'.repeat(63207),
        link: 'not a url',
        media: [
          { url: 'https://example.com/a.mp4', type: 'video' },
          { url: 'https://example.com/b.jpg', type: 'image' },
        ],
      },
      paths: ['text', 'link', 'media[0].type'],
    },
  },
})
