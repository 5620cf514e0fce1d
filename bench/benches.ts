import type { Bench } from './lib.js'
import { analytics } from './analytics.js'
import { api } from './api.js'
import { engine } from './engine.js'
import { importBench } from './import.js'
import { postsPage } from './posts-page.js'
import { sync } from './sync.js'

/** Every bench by the name `pnpm bench <name>` takes; one line each. */
export const BENCHES: Record<string, Bench> = {
  api,
  engine,
  import: importBench,
  analytics,
  sync,
  'posts-page': postsPage,
}
