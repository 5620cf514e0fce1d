import type { Db } from '@statex/db'
import type { ProviderRegistry } from '@statex/providers'
import type { Redis } from 'ioredis'

export type Database = Db

/** What the API is built from; `main.ts` connects them, tests pass real ones of their own. */
export interface AppDeps {
  db: Database
  redis: Redis
  providers: ProviderRegistry
}
