import type { ChildProcess } from 'node:child_process'
import type { AccountAuth, Platform } from '@statex/core'
import { parseEncryptionKeys } from '@statex/db'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { publishJobId } from '@statex/jobs'
import { connectRedis, deletePrefix, REDIS_URL, uniquePrefix } from '@statex/jobs/testing'
import { buildProviderRegistry, loadPlatformConfig, SANDBOX_SECRETS } from '@statex/providers'
import type { PlatformSimulator } from '@statex/testkit/simulator'
import { createFacebookSimulator } from '@statex/facebook/testing'
import { createInstagramSimulator } from '@statex/instagram/testing'
import { createLinkedInSimulator } from '@statex/linkedin/testing'
import { createTelegramSimulator } from '@statex/telegram/testing'
import { createXSimulator } from '@statex/twitter/testing'
import { SIMULATED_CUSTOMERS, createWhatsAppSimulator } from '@statex/whatsapp/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exited, spawnWorker, startPrefixProxy } from './support.js'

// Exactly once under crashes: 2,000 targets across every registered platform, published by real
// worker processes (dist/main.js) that are SIGKILLed at random moments at least ten times, with
// every Redis key of this run's prefix deleted once (a flush that leaves other users of the
// shared Redis alone). Every target must end published exactly once on its simulator, or
// FAILED/UNKNOWN with a reason; none left behind, none published twice.

const TARGETS = Number(process.env.CHAOS_TARGETS ?? 2_000)
const ACCOUNTS_PER_PLATFORM = 10
const WORKERS = 3
const MIN_KILLS = 10
const SPREAD_MS = 30_000

const TEST_KEYS = `chaos:${Buffer.alloc(32, 7).toString('base64')}`

interface Fixture {
  start(): Promise<PlatformSimulator>
  /** The per-target content override that makes a post valid for this platform. */
  override?: Record<string, unknown>
}

/** One per platform with an adapter; the test fails when a registered platform has none. */
const FIXTURES: Partial<Record<Platform, Fixture>> = {
  linkedin: { start: () => createLinkedInSimulator() },
  facebook: {
    start: () =>
      createFacebookSimulator({
        appId: SANDBOX_SECRETS.facebookAppId,
        appSecret: SANDBOX_SECRETS.facebookAppSecret,
      }),
  },
  twitter: { start: () => createXSimulator() },
  instagram: {
    start: () =>
      createInstagramSimulator({
        appId: SANDBOX_SECRETS.instagramAppId,
        appSecret: SANDBOX_SECRETS.instagramAppSecret,
      }),
    // Instagram publishes media only: one image per post.
    override: { media: [{ url: 'https://example.com/chaos.jpg', type: 'image' }] },
  },
  telegram: { start: () => createTelegramSimulator() },
  whatsapp: {
    start: () => createWhatsAppSimulator({ appSecret: SANDBOX_SECRETS.whatsappAppSecret }),
    override: { options: { whatsapp: { recipients: [`+${SIMULATED_CUSTOMERS[0]!.waId}`] } } },
  },
}

const prefix = uniquePrefix('chaos')
const redis = connectRedis()
let testDb: TestDatabase
const simulators = new Map<Platform, PlatformSimulator>()
let proxy: Awaited<ReturnType<typeof startPrefixProxy>>
const children = new Set<ChildProcess>()

function registeredPlatforms(sandboxUrl: string): Platform[] {
  const registry = buildProviderRegistry(loadPlatformConfig({ STATEX_SANDBOX_URL: sandboxUrl }))
  return Object.keys(registry.providers) as Platform[]
}

beforeAll(async () => {
  testDb = await createTestDatabase({ keyring: parseEncryptionKeys(TEST_KEYS) })
  for (const [platform, fixture] of Object.entries(FIXTURES) as [Platform, Fixture][])
    simulators.set(platform, await fixture.start())
  proxy = await startPrefixProxy(
    Object.fromEntries([...simulators].map(([platform, sim]) => [platform, sim.baseUrl])),
  )
}, 60_000)

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  await Promise.all([...children].map(exited))
  await proxy?.close()
  for (const sim of simulators.values()) await sim.close()
  await deletePrefix(redis, prefix)
  await redis.quit()
  await testDb?.drop()
})

describe('chaos: exactly once', () => {
  it(`publishes ${TARGETS} targets exactly once while workers are SIGKILLed and Redis is flushed`, async () => {
    const platforms = registeredPlatforms(proxy.url)
    expect(
      platforms.filter((p) => !FIXTURES[p]),
      'a registered platform has no chaos fixture',
    ).toEqual([])
    const { db } = testDb
    const user = await db.users.createUser({ email: `${prefix}@example.test`, name: 'Chaos' })
    const workspace = await db.workspaces.createWorkspace({ name: 'Chaos', ownerUserId: user.id })
    const accounts: { id: string; platform: Platform; auth: AccountAuth }[] = []
    for (const platform of platforms) {
      for (let i = 0; i < ACCOUNTS_PER_PLATFORM; i++) {
        const auth = simulators.get(platform)!.createAccount({ name: `${platform} ${i}` })
        const account = await db.accounts.connectAccount(workspace.id, {
          platform,
          externalAccountId: auth.externalAccountId,
          displayName: `${platform} ${i}`,
          tokens: { accessToken: auth.accessToken },
        })
        accounts.push({ id: account.id, platform, auth })
      }
    }
    // One group per "round", one target per account; times spread over the next half minute.
    const rounds = Math.ceil(TARGETS / accounts.length)
    const start = Date.now() + 3_000
    const targets: { id: string; accountIndex: number; text: string }[] = []
    for (let round = 0; round < rounds; round++) {
      const text = `chaos round ${round} ${prefix}`
      const group = await db.posts.createPostGroup({
        workspaceId: workspace.id,
        content: { text },
        targets: accounts.map((account) => ({
          accountId: account.id,
          ...(FIXTURES[account.platform]!.override
            ? { override: FIXTURES[account.platform]!.override! }
            : {}),
        })),
        scheduledAt: new Date(start + Math.floor((round / rounds) * SPREAD_MS)),
        actor: 'user:chaos',
      })
      group.targets.forEach((target, index) =>
        targets.push({ id: target.id, accountIndex: index, text }),
      )
    }
    targets.length = Math.min(targets.length, TARGETS)

    const env = {
      DATABASE_URL: testDb.databaseUrl,
      REDIS_URL,
      STATEX_ENCRYPTION_KEYS: TEST_KEYS,
      STATEX_SANDBOX_URL: proxy.url,
      QUEUE_PREFIX: prefix,
      WORKER_CONCURRENCY: '10',
      DISPATCH_INTERVAL_MS: '500',
      PUBLISH_TIMEOUT_MS: '3000',
      JOB_LOCK_MS: '3000',
      LOG_LEVEL: 'warn',
    }
    const spawnOne = () => {
      const child = spawnWorker(env)
      children.add(child)
      child.once('exit', () => children.delete(child))
    }
    for (let i = 0; i < WORKERS; i++) spawnOne()

    let kills = 0
    let flushed = false
    // Six platforms (Instagram takes two calls a post), 15 kills and a flush: a few minutes, bounded.
    const deadline = Date.now() + 360_000
    const unsettled = async () =>
      db.engine.countUnsettledTargets(targets.map((target) => target.id))
    const killer = (async () => {
      while (Date.now() < deadline && (kills < MIN_KILLS || (await unsettled()) > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 2_500))
        const victims = [...children]
        const victim = victims[Math.floor(Math.random() * victims.length)]
        if (victim && kills < MIN_KILLS + 5) {
          victim.kill('SIGKILL')
          kills++
          await exited(victim)
          spawnOne()
        }
        if (!flushed && kills >= MIN_KILLS / 2) {
          await deletePrefix(redis, prefix)
          flushed = true
        }
      }
    })()
    await killer
    // Every worker stops with SIGTERM (draining), then the books are checked.
    for (const child of children) child.kill('SIGTERM')
    await Promise.all([...children].map(exited))

    const counts: Record<string, number> = {}
    let duplicates = 0
    let mismatched = 0
    let withoutReason = 0
    for (const target of targets) {
      const post = (await db.posts.getPost(target.id))!
      counts[post.status] = (counts[post.status] ?? 0) + 1
      const account = accounts[target.accountIndex]!
      const onPlatform = simulators
        .get(account.platform)!
        .listPosts(account.auth)
        .filter((p) => p.text === target.text)
      if (onPlatform.length > 1) duplicates++
      if (
        post.status === 'PUBLISHED' &&
        (onPlatform.length !== 1 || onPlatform[0]!.externalId !== post.externalId)
      )
        mismatched++
      if ((post.status === 'FAILED' || post.status === 'UNKNOWN') && !post.lastError)
        withoutReason++
    }
    // Whatever did not settle: its row and its job in Redis, so a failure says where it stuck.
    for (const target of targets) {
      const post = (await db.posts.getPost(target.id))!
      if (['PUBLISHED', 'FAILED', 'UNKNOWN'].includes(post.status)) continue
      const jobKey = `${prefix}:publish:${publishJobId(target.id)}`
      const [job, inWait, inActive, delayScore, inPrio] = await Promise.all([
        redis.hgetall(jobKey),
        redis.lpos(`${prefix}:publish:wait`, publishJobId(target.id)),
        redis.lpos(`${prefix}:publish:active`, publishJobId(target.id)),
        redis.zscore(`${prefix}:publish:delayed`, publishJobId(target.id)),
        redis.zscore(`${prefix}:publish:prioritized`, publishJobId(target.id)),
      ])
      console.log(
        `[chaos] unsettled ${target.id}: ${post.status}, scheduled ${post.scheduledAt?.toISOString()}, ` +
          `job hash ${Object.keys(job).length > 0 ? JSON.stringify({ data: job.data, delay: job.delay, timestamp: job.timestamp, processedOn: job.processedOn, atm: job.atm }) : 'absent'}, ` +
          `wait ${inWait}, active ${inActive}, delayed ${delayScore}, prioritized ${inPrio}`,
      )
    }
    console.log(
      `[chaos] ${targets.length} targets on ${platforms.join(', ')}; ${kills} SIGKILLs; Redis prefix flushed: ${flushed}; ` +
        Object.entries(counts)
          .map(([status, n]) => `${status} ${n}`)
          .join(', ') +
        `; duplicates ${duplicates}; published-but-not-matching ${mismatched}`,
    )
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS)
    expect(flushed).toBe(true)
    expect(duplicates).toBe(0)
    expect(mismatched).toBe(0)
    expect(withoutReason).toBe(0)
    expect(
      Object.keys(counts).filter((s) => !['PUBLISHED', 'FAILED', 'UNKNOWN'].includes(s)),
    ).toEqual([])
    expect(counts.PUBLISHED ?? 0).toBeGreaterThan(targets.length / 2)
  }, 420_000)
})
