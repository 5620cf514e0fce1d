import { runProviderContract } from '@statex/testkit'
import { instagram } from '../src/index.js'
import { createInstagramSimulator } from '../src/testing.js'

const appSecret = 'contract-app-secret'

runProviderContract({
  simulator: () => createInstagramSimulator({ appSecret, requireAppSecretProof: true }),
  provider: (sim, o) =>
    instagram({
      baseUrl: o.baseUrl ?? sim.baseUrl,
      appId: sim.appId,
      appSecret,
      verifyToken: 'vt',
      pageSize: 10,
    }),
  // A publish is quota → container → status → media_publish; the post exists after the last.
  publishRequest: { method: 'POST', path: /\/media_publish$/ },
  fixtures: {
    validPost: {
      text: 'Golden hour at the harbour #sunset',
      media: [
        { url: 'https://example.com/harbour.jpg', type: 'image', altText: 'Boats at sunset' },
      ],
    },
    pendingPost: {
      text: 'Behind the scenes',
      media: [{ url: 'https://example.com/bts.mp4', type: 'video' }],
    },
    invalidPost: {
      post: {
        text: `${'x'.repeat(2201)} ${Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ')}`,
        link: 'https://example.com',
        media: [],
      },
      paths: ['text', 'link', 'media'],
    },
  },
})
