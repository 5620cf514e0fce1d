import { SIMULATED_PEOPLE, createFacebookSimulator } from '@statex/facebook/testing'
import { SIMULATED_FOLLOWERS, createInstagramSimulator } from '@statex/instagram/testing'
import { SANDBOX_SECRETS } from '@statex/providers'
import { createLinkedInSimulator } from '@statex/linkedin/testing'
import { createTelegramSimulator } from '@statex/telegram/testing'
import { createXSimulator } from '@statex/twitter/testing'
import { SIMULATED_CUSTOMERS, createWhatsAppSimulator } from '@statex/whatsapp/testing'
import type { SimulatorSetup } from './setup.js'

/**
 * The fixed sandbox accounts. Their credentials never change, so an account connected in the
 * database keeps working across sandbox restarts. Fake values: they work against the sandbox only.
 */
export const SANDBOX_ACCOUNTS = {
  telegram: {
    name: 'Statex Sandbox Channel',
    // Shaped like a real bot token (`<bot id>:<secret>`) so the adapter's checks accept it.
    accessToken: '7000000001:SANDBOX_fake_token_statex_telegram1',
    externalAccountId: '-1009000000001',
  },
  whatsapp: {
    name: 'Statex Sandbox Business',
    accessToken: 'SANDBOX-fake-whatsapp-system-user-token',
    externalAccountId: '109000000000001',
  },
  facebook: {
    name: 'Statex Sandbox Page',
    accessToken: 'SANDBOX-fake-facebook-page-token',
    externalAccountId: '109000000000011',
  },
  instagram: {
    name: 'Statex Sandbox Studio',
    accessToken: 'SANDBOX-fake-instagram-page-token',
    externalAccountId: '17841000000000021',
  },
  twitter: {
    name: 'Statex Sandbox',
    accessToken: 'SANDBOX-fake-x-oauth2-user-token',
    // X user ids are numeric snowflakes.
    externalAccountId: '1790000000000000001',
  },
  linkedin: {
    name: 'Statex Sandbox Company',
    accessToken: 'SANDBOX-fake-linkedin-member-token',
    externalAccountId: 'urn:li:organization:90000001',
  },
} as const

/** The Telegram Bot API simulator, with the bot's webhook set to the sandbox relay as a bot would. */
function telegramSetup(): SimulatorSetup {
  return {
    platform: 'telegram',
    accounts: [SANDBOX_ACCOUNTS.telegram],
    start: ({ config }) => createTelegramSimulator({ webhookSecret: config.telegramWebhookSecret }),
    async prepare({ simulator, accounts, webhookUrl, config }) {
      for (const account of accounts) {
        // The documented call, through the Bot API itself, so the simulator's webhook state is what a real bot would have.
        const answer = await fetch(
          `${simulator.baseUrl}/bot${account.auth.accessToken}/setWebhook`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ url: webhookUrl, secret_token: config.telegramWebhookSecret }),
          },
        )
        const body = (await answer.json()) as { ok: boolean; description?: string }
        if (!body.ok)
          throw new Error(
            `setWebhook for ${account.name} failed: ${body.description ?? answer.status}`,
          )
      }
    },
  }
}

/** The WhatsApp Cloud API simulator, signing its webhooks with the configured app secret. */
function whatsappSetup(): SimulatorSetup {
  return {
    platform: 'whatsapp',
    accounts: [
      {
        ...SANDBOX_ACCOUNTS.whatsapp,
        // The simulator's customers are opted in and "wrote just now", so free-form messages reach them.
        details: {
          recipients: SIMULATED_CUSTOMERS.map((customer) => ({
            waId: customer.waId,
            name: customer.name,
          })),
        },
        authors: SIMULATED_CUSTOMERS.map((customer) => customer.name),
      },
    ],
    start: ({ config, webhookUrl }) =>
      createWhatsAppSimulator({ appSecret: config.whatsappAppSecret, webhookUrl }),
  }
}

/**
 * The Facebook Pages simulator, signing Page webhooks with the Facebook app secret. The form's
 * "answer as a person" is a comment when a post is picked, else a Messenger message.
 */
function facebookSetup(): SimulatorSetup {
  return {
    platform: 'facebook',
    accounts: [{ ...SANDBOX_ACCOUNTS.facebook, authors: SIMULATED_PEOPLE.map((p) => p.name) }],
    start: ({ config, webhookUrl }) =>
      createFacebookSimulator({
        appId: SANDBOX_SECRETS.facebookAppId,
        appSecret: config.facebookAppSecret,
        webhookUrl,
      }),
  }
}

/** The Instagram simulator: comments on a picked post, else a direct message. */
function instagramSetup(): SimulatorSetup {
  return {
    platform: 'instagram',
    accounts: [
      { ...SANDBOX_ACCOUNTS.instagram, authors: SIMULATED_FOLLOWERS.map((f) => f.username) },
    ],
    start: ({ config, webhookUrl }) =>
      createInstagramSimulator({
        appId: SANDBOX_SECRETS.instagramAppId,
        appSecret: config.instagramAppSecret,
        webhookUrl,
      }),
  }
}

/**
 * The X API simulator. It also serves X's consent page (`/i/oauth2/authorize`, approving at once)
 * and `/2/oauth2/token`, so accounts connected through the sandbox get tokens it knows.
 */
function twitterSetup(): SimulatorSetup {
  return {
    platform: 'twitter',
    accounts: [
      {
        ...SANDBOX_ACCOUNTS.twitter,
        details: {
          note: 'Mentions and DMs arrive by polling (listInteractions); X pushes no webhooks to ordinary apps.',
        },
      },
    ],
    start: () => createXSimulator(),
  }
}

/** The LinkedIn simulator: a company page administered by the sandbox member; OAuth pages included. */
function linkedinSetup(): SimulatorSetup {
  return {
    platform: 'linkedin',
    accounts: [
      {
        ...SANDBOX_ACCOUNTS.linkedin,
        details: {
          note: 'Comments arrive by polling (listInteractions); LinkedIn gives apps no messaging.',
        },
      },
    ],
    start: () => createLinkedInSimulator(),
  }
}

/** Every platform the sandbox runs a simulator for; the others answer "adapter not built yet". */
export function sandboxSetups(): SimulatorSetup[] {
  return [
    linkedinSetup(),
    facebookSetup(),
    twitterSetup(),
    instagramSetup(),
    telegramSetup(),
    whatsappSetup(),
  ]
}
