// Writes src/simulator/x-openapi.json: the operations the adapter calls, copied verbatim from the
// official X OpenAPI file (xdevplatform/xdk latest-openapi.json, MIT), with every component they
// reference. Run: node scripts/extract-openapi.mjs <path to latest-openapi.json>
import { readFileSync, writeFileSync } from 'node:fs'

const OPERATIONS = {
  '/2/tweets': ['get', 'post'],
  '/2/tweets/{id}': ['delete'],
  '/2/users/me': ['get'],
  '/2/users/{id}/mentions': ['get'],
  '/2/users/{id}/tweets': ['get'],
  '/2/tweets/search/recent': ['get'],
  '/2/media/upload': ['get'],
  '/2/media/upload/initialize': ['post'],
  '/2/media/upload/{id}/append': ['post'],
  '/2/media/upload/{id}/finalize': ['post'],
  '/2/media/metadata': ['post'],
  '/2/dm_events': ['get'],
  '/2/dm_conversations/with/{participant_id}/messages': ['post'],
}

const source = process.argv[2] ?? '../../../shared/specs/x-api-v2/latest-openapi.json'
const spec = JSON.parse(readFileSync(source, 'utf8'))
const out = {
  openapi: spec.openapi,
  info: spec.info,
  servers: spec.servers,
  paths: {},
  components: {},
}
const pending = []
const seen = new Set()
const collect = (node) => {
  if (Array.isArray(node)) return node.forEach(collect)
  if (!node || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !seen.has(value)) {
      seen.add(value)
      pending.push(value)
    } else collect(value)
  }
}
for (const [path, methods] of Object.entries(OPERATIONS)) {
  out.paths[path] = {}
  for (const method of methods) {
    const operation = spec.paths[path][method]
    out.paths[path][method] = operation
    collect(operation)
  }
}
while (pending.length) {
  const ref = pending.shift()
  const [, , kind, name] = ref.split('/')
  const value = spec.components[kind][name]
  out.components[kind] ??= {}
  out.components[kind][name] = value
  collect(value)
}
writeFileSync(
  new URL('../src/simulator/x-openapi.json', import.meta.url),
  JSON.stringify(out) + '\n',
)
console.log(`${Object.keys(out.paths).length} paths, ${seen.size} components`)
