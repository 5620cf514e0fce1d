// Writes packages/api-client/openapi.json from the routes; then `pnpm --filter @statex/api-client generate`.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { buildOpenApiDocument } from '../src/openapi-document.js'

const target = fileURLToPath(new URL('../../../packages/api-client/openapi.json', import.meta.url))
await writeFile(target, `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`)
console.log(`wrote ${target}`)
process.exit(0)
