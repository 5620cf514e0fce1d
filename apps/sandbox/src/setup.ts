import type { AccountAuth, Platform } from '@statex/core'
import type { PlatformSimulator } from '@statex/testkit/simulator'
import type { SandboxConfig } from './config.js'

export const PLATFORM_TITLES: Record<Platform, string> = {
  linkedin: 'LinkedIn',
  facebook: 'Facebook Pages',
  twitter: 'X',
  instagram: 'Instagram',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
}

/** A sandbox account with fixed credentials, so it survives restarts and the db seed can connect it. */
export interface SandboxAccountSeed {
  name: string
  accessToken: string
  externalAccountId: string
  /** Facts the product needs to use the account (e.g. WhatsApp recipients), listed with the credentials. */
  details?: Record<string, unknown>
  /**
   * People who can write to the account, offered on the page's form. When given, leaving the
   * name empty lets the simulator pick (the message's recipient, its first customer).
   */
  authors?: readonly string[]
}

export interface SandboxAccount {
  platform: Platform
  name: string
  auth: AccountAuth
  details?: Record<string, unknown>
  authors?: readonly string[]
}

/** What a platform's simulator needs from the sandbox when it starts. */
export interface SimulatorContext {
  config: Readonly<SandboxConfig>
  /**
   * Where the simulator pushes its webhooks: the sandbox's relay, which forwards them unchanged
   * to `${STATEX_API_URL}/v1/webhooks/<platform>`.
   */
  webhookUrl: string
  log: (line: string) => void
}

/**
 * How the sandbox runs one platform: start its simulator, create the fixed accounts, then do
 * whatever makes the accounts feel alive (register the webhook, customers who wrote recently).
 */
export interface SimulatorSetup {
  platform: Platform
  accounts: readonly SandboxAccountSeed[]
  start(context: SimulatorContext): Promise<PlatformSimulator>
  /** Runs once after the fixed accounts exist. A failure here is logged and does not stop the sandbox. */
  prepare?(
    input: SimulatorContext & { simulator: PlatformSimulator; accounts: SandboxAccount[] },
  ): Promise<void>
}
