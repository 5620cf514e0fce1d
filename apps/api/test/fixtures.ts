import type { Platform } from '@statex/core'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { buildProviderRegistry, loadPlatformConfig, type ProviderRegistry } from '@statex/providers'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { buildApp, type AppConfig } from '../src/app.js'
import type { AppDeps } from '../src/deps.js'
import { connectRedis, testQueues } from './support.js'

export const SESSION_SECRET = 'a-test-nextauth-secret-of-at-least-32-chars'

/** Registers Telegram and WhatsApp against an address nothing listens on: validation only. */
export const sandboxProviders = (): ProviderRegistry =>
  buildProviderRegistry(loadPlatformConfig({ STATEX_SANDBOX_URL: 'http://127.0.0.1:9' }))

export interface Tenant {
  workspaceId: string
  ownerId: string
  keys: { owner: string; editor: string; viewer: string }
  accounts: Record<'telegram' | 'whatsapp', string> & { telegram2: string }
}

async function tenant(t: TestDatabase, name: string): Promise<Tenant> {
  const { db } = t
  const owner = await db.users.createUser({
    email: `${name}-owner@example.com`,
    name: `${name} owner`,
  })
  const ws = await db.workspaces.createWorkspace({ name, ownerUserId: owner.id })
  const key = async (role: 'owner' | 'editor' | 'viewer') =>
    (await db.apiKeys.createApiKey({ workspaceId: ws.id, name: role, role })).plaintext
  const connect = async (platform: Platform, externalAccountId: string) =>
    (
      await db.accounts.connectAccount(ws.id, {
        platform,
        externalAccountId,
        displayName: `${name} ${platform} ${externalAccountId}`,
        tokens: { accessToken: `token-${name}-${externalAccountId}` },
      })
    ).id
  return {
    workspaceId: ws.id,
    ownerId: owner.id,
    keys: { owner: await key('owner'), editor: await key('editor'), viewer: await key('viewer') },
    accounts: {
      telegram: await connect('telegram', '@channel'),
      whatsapp: await connect('whatsapp', '1000001'),
      telegram2: await connect('telegram', '-100200'),
    },
  }
}

/** A real database and Redis of this file's own, two tenants, and the app on them. */
export async function setup(
  label: string,
  config: Partial<AppConfig> = {},
  deps: Pick<AppDeps, 'chain'> = {},
) {
  const t = await createTestDatabase()
  const redis: Redis = await connectRedis()
  const tq = await testQueues(label)
  const providers = sandboxProviders()
  const app: FastifyInstance = await buildApp({
    config: {
      logLevel: 'silent',
      nextauthSecret: SESSION_SECRET,
      queuePrefix: tq.prefix,
      rateLimitPerMinute: 100_000,
      ...config,
    },
    db: t.db,
    redis,
    providers,
    queues: tq.queues,
    ...deps,
  })
  const a = await tenant(t, `${label}-a`)
  const b = await tenant(t, `${label}-b`)
  return {
    app,
    db: t.db,
    t,
    redis,
    queues: tq.queues,
    prefix: tq.prefix,
    a,
    b,
    async close() {
      await app.close()
      await tq.close()
      redis.disconnect()
      await t.drop()
    },
  }
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

/** A valid Telegram + WhatsApp post body. */
export function postBody(accounts: Tenant['accounts'], extra: Record<string, unknown> = {}) {
  return {
    content: {
      text: 'Hello from the API',
      options: { whatsapp: { recipients: ['+420600000001'] } },
    },
    targets: [{ accountId: accounts.telegram }, { accountId: accounts.whatsapp }],
    schedule: { type: 'at', at: new Date(Date.now() + 3_600_000).toISOString() },
    ...extra,
  }
}
