// Publishes a post through the real Telegram adapter to a running sandbox, adds a comment through
// the page's form, and screenshots the Telegram page with Debian Chromium (docs/telegram-page.png).
// Usage: node apps/sandbox/scripts/screenshot.mjs [sandbox URL, default http://127.0.0.1:4010]
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { telegram } from '@statex/telegram'
import { whatsapp } from '@statex/whatsapp'

// playwright-core is a devDependency of apps/web; the sandbox borrows it rather than adding its own.
const require = createRequire(fileURLToPath(new URL('../../web/package.json', import.meta.url)))
const { chromium } = require('playwright-core')

const sandboxUrl = process.argv[2] ?? 'http://127.0.0.1:4010'
const { accounts } = await (await fetch(`${sandboxUrl}/_sandbox/accounts`)).json()
const channel = accounts.find((a) => a.platform === 'telegram')
const account = { accessToken: channel.accessToken, externalAccountId: channel.externalAccountId }
const provider = telegram({ baseUrl: `${sandboxUrl}/telegram` })

await provider.publish({
  account,
  post: { text: 'Doors open at 9:00 tomorrow. Bring a friend!\n\n#launch' },
  idempotencyKey: `screenshot-1-${Date.now()}`,
})
const result = await provider.publish({
  account,
  post: {
    text: 'We just shipped scheduled posts for Telegram <3 — write once, publish everywhere.',
    media: [{ url: 'https://example.com/launch.jpg', type: 'image', mimeType: 'image/jpeg' }],
  },
  idempotencyKey: `screenshot-2-${Date.now()}`,
})
await fetch(`${sandboxUrl}/_sandbox/interactions`, {
  method: 'POST',
  redirect: 'manual',
  body: new URLSearchParams({
    platform: 'telegram',
    account: account.externalAccountId,
    post: result.externalId,
    author: 'Ada Lovelace',
    text: 'Congratulations! <script>alert(1)</script> stays text.',
  }),
})

const business = accounts.find((a) => a.platform === 'whatsapp')
await whatsapp({ baseUrl: `${sandboxUrl}/whatsapp` }).publish({
  account: { accessToken: business.accessToken, externalAccountId: business.externalAccountId },
  post: {
    text: 'Hi! Our spring sale starts today: 20% off everything until Sunday.',
    options: { whatsapp: { recipients: business.details.recipients.map((r) => `+${r.waId}`) } },
  },
  idempotencyKey: `screenshot-3-${Date.now()}`,
})

const profile = await mkdtemp(join(tmpdir(), 'sandbox-shot-'))
const context = await chromium.launchPersistentContext(profile, {
  // The same browser the dashboard's tests use (apps/web/test/support/chromium.ts).
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 800 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
try {
  const page = await context.newPage()
  await page.goto(`${sandboxUrl}/telegram`)
  const out = fileURLToPath(new URL('../docs/telegram-page.png', import.meta.url))
  await page.screenshot({ path: out, fullPage: true })
  await page.goto(`${sandboxUrl}/whatsapp`)
  await page.screenshot({
    path: fileURLToPath(new URL('../docs/whatsapp-page.png', import.meta.url)),
    fullPage: true,
  })
  await page.goto(`${sandboxUrl}/`)
  await page.screenshot({
    path: fileURLToPath(new URL('../docs/home-page.png', import.meta.url)),
    fullPage: true,
  })
  console.log(`saved ${out}`)
} finally {
  await context.close()
  await rm(profile, { recursive: true, force: true })
}
