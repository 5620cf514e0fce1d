import { ConfigError, loadConfig, type SandboxConfig } from './config.js'
import { describeAccounts, startSandbox } from './sandbox.js'
import { PLATFORM_TITLES } from './setup.js'
import { sandboxSetups } from './simulators.js'
import { PLATFORMS } from '@statex/core'

function printBanner(
  config: Readonly<SandboxConfig>,
  url: string,
  accounts: ReturnType<typeof describeAccounts>['accounts'],
  running: Set<string>,
  mailPort: number | null,
): void {
  const lines = [
    '',
    `Statex Social sandbox running at ${url}`,
    'SANDBOX IN USE: every platform is a local simulator and every credential below is fake.',
    '',
    'Platforms:',
    ...PLATFORMS.map((platform) =>
      running.has(platform)
        ? `  ${PLATFORM_TITLES[platform].padEnd(15)} ${url}/${platform}  (the page in a browser, the adapter's baseUrl)`
        : `  ${PLATFORM_TITLES[platform].padEnd(15)} adapter not built yet (OAuth page: ${url}/oauth/${platform}/authorize)`,
    ),
    '',
    'Sandbox accounts (sandbox-only fake credentials):',
    ...accounts.flatMap((a) => [
      `  ${a.platform.padEnd(9)} ${a.name}: externalAccountId=${a.externalAccountId} accessToken=${a.accessToken}`,
      ...recipientsLine(a.details),
    ]),
    '',
    `Webhooks are delivered to ${config.apiUrl}/v1/webhooks/<platform>`,
    // Only the built-in defaults are shown: a value someone configured may be a real secret.
    `  TELEGRAM_WEBHOOK_SECRET=${config.defaultSecrets.telegramWebhookSecret ? `${config.telegramWebhookSecret} (sandbox-only default)` : '(set in the environment, not shown)'}`,
    `  WHATSAPP_APP_SECRET=${config.defaultSecrets.whatsappAppSecret ? `${config.whatsappAppSecret} (sandbox-only default)` : '(set in the environment, not shown)'}`,
    `  FACEBOOK_APP_SECRET=${config.defaultMetaSecrets.facebookAppSecret ? `${config.facebookAppSecret} (sandbox-only default)` : '(set in the environment, not shown)'}`,
    `  INSTAGRAM_APP_SECRET=${config.defaultMetaSecrets.instagramAppSecret ? `${config.instagramAppSecret} (sandbox-only default)` : '(set in the environment, not shown)'}`,
    `Accounts as JSON: ${url}/_sandbox/accounts${config.statePath ? ` and ${config.statePath}` : ''}`,
    mailPort === null
      ? 'Mail: no SMTP catcher (SANDBOX_SMTP_PORT unset)'
      : `Mail: SMTP on ${config.host}:${mailPort}; received mail at ${url}/mail`,
    '',
  ]
  console.log(lines.join('\n'))
}

function recipientsLine(details: Record<string, unknown> | undefined): string[] {
  const recipients = details?.recipients
  if (!Array.isArray(recipients)) return []
  const list = recipients
    .map((r: { waId?: string; name?: string }) => `+${r.waId} (${r.name})`)
    .join(', ')
  return [`            opted-in recipients: ${list}`]
}

async function main(): Promise<void> {
  let config: Readonly<SandboxConfig>
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const sandbox = await startSandbox({ config, setups: sandboxSetups() })
  printBanner(
    config,
    sandbox.url,
    describeAccounts(sandbox).accounts,
    new Set(sandbox.simulators.keys()),
    sandbox.mail?.port ?? null,
  )

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`sandbox: ${signal} received, stopping`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('sandbox: stopping failed', error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('sandbox: could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
