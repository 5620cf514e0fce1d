import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFile } from 'node:fs/promises'
import type { Platform } from '@statex/core'
import type { PlatformSimulator } from '@statex/testkit/simulator'
import type { SandboxConfig } from './config.js'
import { SandboxOAuth } from './oauth.js'
import { startMailCatcher, type MailCatcher } from './mail-catcher.js'
import { handleRequest } from './router.js'
import type { SandboxAccount, SimulatorSetup } from './setup.js'
import { WebhookRelay } from './webhook-relay.js'

/** Everything the routes read: the running simulators, the fixed accounts, the relay and OAuth state. */
export interface SandboxState {
  config: Readonly<SandboxConfig>
  /** e.g. `http://127.0.0.1:4010` */
  url: string
  simulators: ReadonlyMap<Platform, PlatformSimulator>
  accounts: readonly SandboxAccount[]
  relay: WebhookRelay
  oauth: SandboxOAuth
  /** What people added through the pages' forms, newest last (messages to an account show nowhere else). */
  added: AddedInteraction[]
  /** The SMTP catcher behind /mail; null when SANDBOX_SMTP_PORT is unset. */
  mail: MailCatcher | null
  log: (line: string) => void
}

export interface AddedInteraction {
  platform: Platform
  externalAccountId: string
  externalId: string
  externalPostId?: string
  authorName?: string
  text: string
  at: Date
}

export interface Sandbox extends SandboxState {
  close(): Promise<void>
}

/** The account list as `GET /_sandbox/accounts` and the state file give it. */
export function describeAccounts(state: Pick<SandboxState, 'accounts' | 'url'>) {
  return {
    sandbox: true,
    notice: 'Sandbox-only fake credentials. They work against this sandbox and nowhere else.',
    accounts: state.accounts.map((account) => ({
      platform: account.platform,
      name: account.name,
      accessToken: account.auth.accessToken,
      externalAccountId: account.auth.externalAccountId,
      baseUrl: `${state.url}/${account.platform}`,
      ...(account.details ? { details: account.details } : {}),
    })),
  }
}

/**
 * Starts the sandbox: one HTTP server on the configured port in front of every simulator in
 * `setups`, the fixed accounts created, webhooks routed through the relay to the API.
 */
export async function startSandbox(input: {
  config: Readonly<SandboxConfig>
  setups: readonly SimulatorSetup[]
  log?: (line: string) => void
}): Promise<Sandbox> {
  const { config } = input
  const log = input.log ?? ((line: string) => console.log(line))
  const simulators = new Map<Platform, PlatformSimulator>()
  const accounts: SandboxAccount[] = []
  const relay = new WebhookRelay({ apiUrl: config.apiUrl, log })
  const state: SandboxState = {
    config,
    url: '',
    simulators,
    accounts,
    relay,
    oauth: new SandboxOAuth(),
    added: [],
    mail: null,
    log,
  }

  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      log(
        `sandbox: ${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`,
      )
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify({ sandboxError: 'The sandbox failed to answer this request.' }))
      } else {
        res.destroy()
      }
    })
  })
  await listen(server, config.port, config.host)
  const port = (server.address() as AddressInfo).port
  state.url = `http://${reachableHost(config.host)}:${port}`

  const close = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await Promise.allSettled([
      ...[...simulators.values()].map((simulator) => simulator.close()),
      state.mail?.close(),
    ])
  }

  try {
    if (config.smtpPort !== undefined)
      state.mail = await startMailCatcher({ port: config.smtpPort, host: config.host, log })
    for (const setup of input.setups) {
      const context = {
        config,
        webhookUrl: `${state.url}/_sandbox/webhooks/${setup.platform}`,
        log,
      }
      const simulator = await setup.start(context)
      simulators.set(setup.platform, simulator)
      const created = setup.accounts.map(({ details, authors, ...seed }) => ({
        platform: setup.platform,
        name: seed.name,
        auth: simulator.createAccount(seed),
        ...(details ? { details } : {}),
        ...(authors ? { authors } : {}),
      }))
      accounts.push(...created)
      try {
        await setup.prepare?.({ ...context, simulator, accounts: created })
      } catch (error) {
        log(
          `sandbox: preparing ${setup.platform} failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    if (config.statePath) {
      await writeFile(config.statePath, `${JSON.stringify(describeAccounts(state), null, 2)}\n`, {
        mode: 0o600,
      })
    }
  } catch (error) {
    await close()
    throw error
  }

  return Object.assign(state, { close })
}

/** A wildcard listen address is not a place to send requests to; the loopback is. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}
