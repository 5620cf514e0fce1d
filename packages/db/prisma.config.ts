import { defineConfig } from 'prisma/config'

// `env()` throws when DATABASE_URL is unset; `prisma generate` does not need a database, so a
// harmless local default keeps it working on a fresh checkout.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/statex' },
})
