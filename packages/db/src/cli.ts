#!/usr/bin/env node
import { z } from 'zod'
import { createDb } from './create-db.js'
import { developmentKeyring, generateEncryptionKey, parseEncryptionKeys } from './crypto.js'
import { migrate } from './migrations/apply.js'
import { createMigration } from './migrations/create.js'

// The one place in @statex/db that reads process.env.
const EnvSchema = z.object({
  DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/statex'),
  STATEX_ENCRYPTION_KEYS: z.string().optional(),
  STATEX_DEV_KEY: z.enum(['1', 'true']).optional(),
  /** Sets the demo user's sign-in password on `seed` (the start script passes the local default). */
  STATEX_DEMO_PASSWORD: z
    .string()
    .min(10, 'STATEX_DEMO_PASSWORD needs at least 10 characters')
    .optional(),
})

const USAGE = `Usage: node dist/cli.js <command>
  migrate              create the database if missing, apply pending migrations
  seed                 create the demo user, workspace and membership (idempotent)
  migration:new <name> write prisma/migrations/<timestamp>_<name> from the schema diff
  reencrypt            re-encrypt account tokens with the first key of STATEX_ENCRYPTION_KEYS
  api-key <workspace-slug> [owner|editor|viewer]
                       create an API key (default role owner) and print it once: the first key of a
                       workspace, before any dashboard exists (e.g. api-key demo)
Environment: DATABASE_URL, STATEX_DEMO_PASSWORD (seed), STATEX_ENCRYPTION_KEYS ("k1:<base64 32 bytes>,k0:<base64>");
STATEX_DEV_KEY=1 allows the public development key when STATEX_ENCRYPTION_KEYS is unset.`

function redactUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

function loadKeyring(env: z.infer<typeof EnvSchema>) {
  if (env.STATEX_ENCRYPTION_KEYS) return parseEncryptionKeys(env.STATEX_ENCRYPTION_KEYS)
  if (env.STATEX_DEV_KEY) {
    console.warn(
      '[statex-db] STATEX_ENCRYPTION_KEYS is unset: using the PUBLIC development key. Never do this in production.',
    )
    return developmentKeyring()
  }
  throw new Error(
    'STATEX_ENCRYPTION_KEYS is required (or STATEX_DEV_KEY=1 for the public development key).',
  )
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const env = EnvSchema.parse(process.env)
  switch (command) {
    case 'migrate': {
      const started = performance.now()
      const result = await migrate({ databaseUrl: env.DATABASE_URL })
      const ms = Math.round(performance.now() - started)
      if (result.createdDatabase)
        console.log(`[statex-db] created database ${redactUrl(env.DATABASE_URL)}`)
      console.log(
        result.applied.length
          ? `[statex-db] applied ${result.applied.length} migration(s) in ${ms} ms: ${result.applied.join(', ')}`
          : `[statex-db] database is up to date (${ms} ms)`,
      )
      return 0
    }
    case 'seed': {
      // The demo rows hold no tokens: without configured keys an ephemeral one does, unused.
      const keyring =
        env.STATEX_ENCRYPTION_KEYS || env.STATEX_DEV_KEY
          ? loadKeyring(env)
          : parseEncryptionKeys(`seed:${generateEncryptionKey()}`)
      const db = createDb({ databaseUrl: env.DATABASE_URL, keyring })
      try {
        const { user, workspace } = await db.seedDemo({ password: env.STATEX_DEMO_PASSWORD })
        console.log(
          `[statex-db] demo user ${user.email} owns workspace "${workspace.slug}" (${workspace.id})`,
        )
        if (env.STATEX_DEMO_PASSWORD)
          console.log('[statex-db] the demo user signs in with STATEX_DEMO_PASSWORD')
      } finally {
        await db.close()
      }
      return 0
    }
    case 'reencrypt': {
      const db = createDb({ databaseUrl: env.DATABASE_URL, keyring: loadKeyring(env) })
      try {
        const { reencrypted } = await db.accounts.reencryptTokens()
        console.log(`[statex-db] re-encrypted the tokens of ${reencrypted} account(s)`)
      } finally {
        await db.close()
      }
      return 0
    }
    case 'api-key': {
      const [slug, role = 'owner'] = rest
      if (!slug || !['owner', 'editor', 'viewer'].includes(role)) {
        console.error(USAGE)
        return 2
      }
      // API keys hold no encrypted data: an ephemeral keyring does when none is configured.
      const keyring =
        env.STATEX_ENCRYPTION_KEYS || env.STATEX_DEV_KEY
          ? loadKeyring(env)
          : parseEncryptionKeys(`cli:${generateEncryptionKey()}`)
      const db = createDb({ databaseUrl: env.DATABASE_URL, keyring })
      try {
        const workspace = await db.workspaces.getWorkspaceBySlug(slug)
        if (!workspace) {
          console.error(`[statex-db] no workspace "${slug}" (npm start seeds "demo")`)
          return 1
        }
        const { plaintext } = await db.apiKeys.createApiKey({
          workspaceId: workspace.id,
          name: `cli ${new Date().toISOString()}`,
          role: role as 'owner' | 'editor' | 'viewer',
        })
        // The key itself on stdout alone, so `KEY=$(… api-key demo)` works; it is never shown again.
        console.error(
          `[statex-db] ${role} key for workspace "${slug}" (shown once, stored hashed):`,
        )
        console.log(plaintext)
      } finally {
        await db.close()
      }
      return 0
    }
    case 'migration:new': {
      const name = rest[0]
      if (!name) {
        console.error(USAGE)
        return 2
      }
      // The diff reads schema files only; the engine just needs some server to start against.
      const server = new URL(env.DATABASE_URL)
      server.pathname = '/postgres'
      const result = await createMigration({ name, databaseUrl: server.toString() })
      console.log(
        result.created
          ? `[statex-db] wrote ${result.directory}`
          : '[statex-db] the schema has not changed: no migration written',
      )
      return 0
    }
    default:
      console.error(USAGE)
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Driver and engine errors carry no secrets; connection strings are never part of them here.
    console.error(`[statex-db] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
