import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../src/index.js'
import { createMigration } from '../src/migrations/create.js'
import { defaultMigrationsDir, defaultSchemaPath } from '../src/migrations/files.js'
import { DEFAULT_TEST_SERVER_URL, createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'

const serverUrl = process.env.DATABASE_URL ?? DEFAULT_TEST_SERVER_URL

async function query<T extends pg.QueryResultRow>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

describe('migrations from an empty database', () => {
  it('creates every table and enum under its mapped snake_case name', async () => {
    const tables = await query<{ table_name: string }>(
      t.databaseUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
    expect(tables.map((row) => row.table_name)).toEqual([
      '_prisma_migrations',
      'account_metric_snapshots',
      'ai_usage',
      'api_keys',
      'approval_policies',
      'auto_respond_rules',
      'brand_voices',
      'feed_items',
      'feeds',
      'idempotency_records',
      'inbound_webhook_events',
      'inbox_contacts',
      'inbox_conversations',
      'inbox_notes',
      'inbox_poll_cursors',
      'inbox_replies',
      'invitations',
      'knowledge_entries',
      'metric_daily_rollups',
      'metric_publish_hour_rollups',
      'metric_snapshots',
      'notification_preferences',
      'notifications',
      'oauth_states',
      'post_groups',
      'post_interaction_counts',
      'post_review_events',
      'post_status_changes',
      'posting_slots',
      'publish_attempts',
      'review_links',
      'saved_replies',
      'short_link_click_hours',
      'short_links',
      'social_accounts',
      'social_interactions',
      'social_posts',
      'users',
      'webhook_deliveries',
      'webhook_endpoints',
      'workspace_members',
      'workspaces',
    ])
    const enums = await query<{ name: string; labels: string[] }>(
      t.databaseUrl,
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    )
    const byName = Object.fromEntries(enums.map((row) => [row.name, row.labels]))
    expect(byName.social_platform_enum).toEqual([
      'linkedin',
      'facebook',
      'twitter',
      'instagram',
      'telegram',
      'whatsapp',
    ])
    expect(byName.post_status_enum).toEqual([
      'DRAFT',
      'IN_REVIEW',
      'SCHEDULED',
      'PUBLISHING',
      'PROCESSING',
      'PUBLISHED',
      'UNKNOWN',
      'FAILED',
      'ARCHIVED',
    ])
    expect(byName.interaction_type_enum).toEqual([
      'COMMENT',
      'LIKE',
      'SHARE',
      'MENTION',
      'MESSAGE',
      'REACTION',
    ])
    expect(byName.ai_tier_enum).toEqual(['ollama', 'openai', 'azure'])
    expect(byName.workspace_role_enum).toEqual(['owner', 'editor', 'viewer'])
  })

  it('maps columns to snake_case, e.g. on social_posts and social_accounts', async () => {
    const columns = await query<{ table_name: string; column_name: string }>(
      t.databaseUrl,
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('social_posts', 'social_accounts')",
    )
    const names = columns.map((row) => `${row.table_name}.${row.column_name}`)
    expect(names).toEqual(
      expect.arrayContaining([
        'social_posts.scheduled_at',
        'social_posts.group_id',
        'social_accounts.access_token_encrypted',
        'social_accounts.external_account_id',
      ]),
    )
    expect(names.filter((name) => /[A-Z]/.test(name))).toEqual([])
  })

  it('records each migration in _prisma_migrations as migrate deploy does', async () => {
    const names = (await readdir(defaultMigrationsDir(), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
    const rows = await query<{
      migration_name: string
      checksum: string
      finished_at: Date | null
      applied_steps_count: number
      rolled_back_at: Date | null
    }>(
      t.databaseUrl,
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(rows.map((row) => row.migration_name)).toEqual(names)
    const { createHash } = await import('node:crypto')
    for (const row of rows) {
      const sql = await readFile(
        path.join(defaultMigrationsDir(), row.migration_name, 'migration.sql'),
      )
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'))
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.rolled_back_at).toBeNull()
      expect(row.applied_steps_count).toBe(1)
    }
  })

  it('applies nothing the second time', async () => {
    const before = await query(
      t.databaseUrl,
      'SELECT id, finished_at FROM _prisma_migrations ORDER BY id',
    )
    const again = await migrate({ databaseUrl: t.databaseUrl })
    expect(again).toEqual({ createdDatabase: false, applied: [] })
    expect(
      await query(t.databaseUrl, 'SELECT id, finished_at FROM _prisma_migrations ORDER BY id'),
    ).toEqual(before)
  })
})

describe('migrate', () => {
  it('creates a missing database, applies every migration, and defers the post→account check', async () => {
    const url = new URL(serverUrl)
    url.pathname = `/statex_test_fresh_${process.pid}_${Date.now().toString(36)}`
    const databaseUrl = url.toString()
    try {
      const names = (await readdir(defaultMigrationsDir(), { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
      expect(await migrate({ databaseUrl })).toEqual({ createdDatabase: true, applied: names })
      const [fk] = await query<{
        condeferrable: boolean
        condeferred: boolean
        confdeltype: string
      }>(
        databaseUrl,
        "SELECT condeferrable, condeferred, confdeltype FROM pg_constraint WHERE conname = 'social_posts_account_id_fkey'",
      )
      expect(fk).toEqual({ condeferrable: true, condeferred: true, confdeltype: 'a' })
    } finally {
      await query(
        serverUrl.replace(/\/[^/]*$/, '/postgres'),
        `DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`,
      )
    }
  })
})

describe('createMigration', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'statex-migrations-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('diffs from the snapshot beside the last migration, and the result applies', async () => {
    const migrationsDir = path.join(dir, 'migrations')
    await cp(defaultMigrationsDir(), migrationsDir, { recursive: true })
    const schemaPath = path.join(dir, 'schema.prisma')
    const schema = await readFile(defaultSchemaPath(), 'utf8')
    await writeFile(
      schemaPath,
      schema.replace(
        '  name      String?\n',
        '  name      String?\n  locale    String? @map("locale")\n',
      ),
    )

    const unchanged = await createMigration({
      name: 'noop',
      databaseUrl: serverUrl,
      migrationsDir,
      schemaPath: defaultSchemaPath(),
    })
    expect(unchanged).toEqual({ created: false, reason: 'no_changes' })

    const result = await createMigration({
      name: 'add_locale',
      databaseUrl: serverUrl,
      migrationsDir,
      schemaPath,
      now: new Date('2099-01-02T03:04:05Z'),
    })
    if (!result.created) throw new Error('expected a migration')
    expect(result.name).toBe('20990102030405_add_locale')
    expect(result.sql).toContain('ALTER TABLE "users" ADD COLUMN     "locale" TEXT')
    expect(result.sql).not.toContain('CREATE TABLE')
    expect(await readFile(path.join(result.directory, 'schema.prisma'), 'utf8')).toContain('locale')

    const other = await createTestDatabase()
    try {
      const applied = await migrate({ databaseUrl: other.databaseUrl, migrationsDir })
      expect(applied.applied).toEqual(['20990102030405_add_locale'])
      const cols = await query(
        other.databaseUrl,
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'locale'",
      )
      expect(cols).toHaveLength(1)
    } finally {
      await other.drop()
    }
  })

  it('refuses a name that is not a plain identifier', async () => {
    await expect(
      createMigration({
        name: '../evil',
        databaseUrl: serverUrl,
        migrationsDir: path.join(dir, 'x'),
      }),
    ).rejects.toThrow(/lower-case/)
  })
})
