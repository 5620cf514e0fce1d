import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg'

type WasmExports = Record<string, unknown>
type Bindings = typeof bindings & { __wbg_set_wasm(exports: WasmExports): void }

// The libs this package compiles with (ES2023, no DOM) do not declare WebAssembly; Node has it.
const { WebAssembly: wasmApi } = globalThis as unknown as {
  WebAssembly: {
    instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }>
  }
}

let loaded: Promise<typeof bindings.SchemaEngine> | undefined

/**
 * Instantiates the schema engine's WebAssembly once per process. Node 20 cannot `import` a
 * `.wasm` file (the package's own entry does), so the bytes are read and linked to the
 * package's JS glue by hand, which is what its entry would do.
 */
function loadEngineClass(): Promise<typeof bindings.SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url)
    const entry = require.resolve('@prisma/schema-engine-wasm')
    const wasmPath = entry.replace(/schema_engine\.js$/, 'schema_engine_bg.wasm')
    const bytes = await readFile(wasmPath)
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bindings })
    ;(bindings as Bindings).__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bindings.SchemaEngine
  })()
  return loaded
}

export interface EngineHandle {
  engine: SchemaEngine
  /** Frees the engine and closes its connection pool. */
  dispose(): Promise<void>
}

/**
 * A schema engine connected to `databaseUrl` through the pg driver adapter. The engine logs
 * through `onLog`; by default its messages are dropped (they may include SQL, never secrets).
 */
export async function openSchemaEngine(options: {
  databaseUrl: string
  datamodel?: { path: string; content: string }
  onLog?: (message: string) => void
}): Promise<EngineHandle> {
  const Engine = await loadEngineClass()
  const factory = new PrismaPg({ connectionString: options.databaseUrl, max: 2 })
  // `engine.free()` does not close what the engine connected, and an open connection keeps the
  // engine's migration advisory lock: the next engine on that database would wait ~10 s for it.
  // So every connection is tracked here and disposed with the engine.
  const opened: SqlDriverAdapter[] = []
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect()
      opened.push(adapter)
      return adapter
    },
    async connectToShadowDb() {
      const adapter = await factory.connectToShadowDb()
      opened.push(adapter)
      return adapter
    },
  }
  const adapter = bindMigrationAwareSqlAdapterFactory(tracking)
  const datamodels: [string, string][] | undefined = options.datamodel
    ? [[options.datamodel.path, options.datamodel.content]]
    : undefined
  const onLog = options.onLog ?? (() => {})
  const engine = await Engine.new({ datamodels }, (message: string) => onLog(message), adapter)
  return {
    engine,
    async dispose() {
      engine.free()
      await Promise.all(opened.splice(0).map((connection) => connection.dispose()))
    },
  }
}
