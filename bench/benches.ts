import type { Bench } from './lib.js'
import { api } from './api.js'
import { engine } from './engine.js'
import { importBench } from './import.js'

/** Every bench by the name `pnpm bench <name>` takes; one line each. */
export const BENCHES: Record<string, Bench> = {
  api,
  engine,
  import: importBench,
}
