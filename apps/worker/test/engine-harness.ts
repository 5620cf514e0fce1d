import { Writable } from 'node:stream'
import type { AccountAuth, Platform, SocialProvider } from '@statex/core'
import type { Db } from '@statex/db'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { createLogger } from '@statex/runtime'
import { telegram } from '@statex/telegram'
import { createTelegramSimulator, type TelegramSimulator } from '@statex/telegram/testing'
import { whatsapp } from '@statex/whatsapp'
import {
  SIMULATED_CUSTOMERS,
  createWhatsAppSimulator,
  type WhatsAppSimulator,
} from '@statex/whatsapp/testing'
import { loadConfig } from '../src/config.js'
import { startWorker, type RunningWorker, type StartWorkerOptions } from '../src/start.js'
import {
  REDIS_URL,
  TEST_ENCRYPTION_KEYS,
  connectRedis,
  deletePrefix,
  uniquePrefix,
} from './support.js'

export const WHATSAPP_APP_SECRET = 'engine-test-app-secret'

/** Real PostgreSQL, real Redis, the Telegram and WhatsApp simulators, and workers on them. */
export interface EngineHarness {
  testDb: TestDatabase
  db: Db
  prefix: string
  redis: ReturnType<typeof connectRedis>
  telegramSim: TelegramSimulator
  whatsappSim: WhatsAppSimulator
  providers: Record<'telegram' | 'whatsapp', SocialProvider>
  logLines: Record<string, unknown>[]
  startWorker(
    options?: Partial<StartWorkerOptions> & { env?: Record<string, string> },
  ): Promise<RunningWorker>
  /** A workspace with one connected account on `platform`'s simulator. */
  account(platform: 'telegram' | 'whatsapp'): Promise<{
    workspaceId: string
    accountId: string
    auth: AccountAuth
  }>
  close(): Promise<void>
}

export function draftFor(platform: Platform, text: string) {
  return platform === 'whatsapp'
    ? {
        text,
        options: { whatsapp: { recipients: [`+${SIMULATED_CUSTOMERS[0]!.waId}`] } },
      }
    : { text }
}

let counter = 0

export async function createEngineHarness(label: string): Promise<EngineHarness> {
  const testDb = await createTestDatabase()
  const prefix = uniquePrefix(label)
  const redis = connectRedis()
  const telegramSim = await createTelegramSimulator()
  const whatsappSim = await createWhatsAppSimulator({ appSecret: WHATSAPP_APP_SECRET })
  const providers = {
    telegram: telegram({ baseUrl: telegramSim.baseUrl, webhookSecret: telegramSim.webhookSecret }),
    whatsapp: whatsapp({
      baseUrl: whatsappSim.baseUrl,
      appSecret: WHATSAPP_APP_SECRET,
      verifyToken: 'verify',
    }),
  }
  const logLines: Record<string, unknown>[] = []
  const log = createLogger(
    'worker',
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line) as Record<string, unknown>)
        if (process.env.ENGINE_TEST_LOG) process.stderr.write(chunk)
        done()
      },
    }),
  )
  const running: RunningWorker[] = []
  const user = await testDb.db.users.createUser({ email: `${prefix}@example.test`, name: 'Owner' })

  return {
    testDb,
    db: testDb.db,
    prefix,
    redis,
    telegramSim,
    whatsappSim,
    providers,
    logLines,
    async startWorker(options = {}) {
      const config = loadConfig({
        REDIS_URL,
        DATABASE_URL: testDb.databaseUrl,
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        QUEUE_PREFIX: prefix,
        DISPATCH_INTERVAL_MS: '200',
        WORKER_CONCURRENCY: '5',
        ...options.env,
      })
      const worker = await startWorker({
        config: { ...config, keyring: testDb.keyring },
        log,
        providers: { providers, skipped: [] },
        engine: { readAfterWriteDelayMs: 300, publishTimeoutMs: 3_000, leaseMs: 4_000 },
        backoffMs: () => 150,
        ...options,
      })
      running.push(worker)
      return worker
    },
    async account(platform) {
      counter++
      const workspace = await testDb.db.workspaces.createWorkspace({
        name: `${label} ${counter}`,
        ownerUserId: user.id,
      })
      const sim = platform === 'telegram' ? telegramSim : whatsappSim
      const auth = sim.createAccount({ name: `${label} ${counter}` })
      const account = await testDb.db.accounts.connectAccount(workspace.id, {
        platform,
        externalAccountId: auth.externalAccountId,
        displayName: `${label} ${counter}`,
        tokens: { accessToken: auth.accessToken },
      })
      return { workspaceId: workspace.id, accountId: account.id, auth }
    },
    async close() {
      for (const worker of running) await worker.stop().catch(() => undefined)
      await telegramSim.close()
      await whatsappSim.close()
      await deletePrefix(redis, prefix)
      await redis.quit()
      await testDb.drop()
    },
  }
}
