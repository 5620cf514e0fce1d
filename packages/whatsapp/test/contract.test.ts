import { runProviderContract } from '@statex/testkit'
import { whatsapp } from '../src/index.js'
import { SIMULATED_CUSTOMERS, createWhatsAppSimulator } from '../src/testing.js'

const appSecret = 'contract-app-secret'
const verifyToken = 'contract-verify-token'

runProviderContract({
  simulator: () => createWhatsAppSimulator({ appSecret }),
  provider: (sim, o) => whatsapp({ baseUrl: o.baseUrl ?? sim.baseUrl, appSecret, verifyToken }),
  fixtures: {
    // Every simulated phone number starts with these customers, who wrote just now (window open).
    validPost: {
      text: 'Our spring opening hours are online.',
      link: 'https://example.com/hours',
      options: { whatsapp: { recipients: SIMULATED_CUSTOMERS.map((c) => `+${c.waId}`) } },
    },
    invalidPost: {
      post: {
        text: 'x'.repeat(4097),
        options: {
          whatsapp: {
            recipients: ['+16505551234', '555-1234', '16505551234'],
            template: { name: '', language: 'en_US' },
          },
        },
      },
      paths: [
        'text',
        'options.whatsapp.recipients[1]',
        'options.whatsapp.recipients[2]',
        'options.whatsapp.template.name',
      ],
    },
  },
})
