import { runProviderContract } from '@statex/testkit'
import { telegram } from '../src/index.js'
import { createTelegramSimulator } from '../src/testing.js'

runProviderContract({
  simulator: () => createTelegramSimulator(),
  provider: (sim, o) =>
    telegram({ baseUrl: o.baseUrl ?? sim.baseUrl, webhookSecret: sim.webhookSecret, pageSize: 10 }),
  // Telegram sends the setWebhook secret_token as a header; nothing signs the body.
  webhookAuthentication: 'shared-secret',
  fixtures: {
    validPost: {
      text: 'Launch day: Statex Social is live.',
      link: 'https://statex.example/launch',
      options: { telegram: { disableLinkPreview: true } },
    },
    invalidPost: {
      post: {
        text: 'x'.repeat(4097),
        media: [{ url: 'not a url', type: 'image' }],
        options: { telegram: { parseMode: 'Markdown' as 'HTML' } },
      },
      paths: ['text', 'media[0].url', 'options.telegram.parseMode'],
    },
  },
})
