import type { SimResponse } from './server.js'

const PREFIX = '/_sim/media/'

/**
 * Files a simulator serves at public URLs of its own, for adapters that make the platform fetch
 * media (or fetch it themselves) by URL: `host` keeps the bytes and returns the URL, `serve`
 * answers `GET /_sim/media/<name>` (and `undefined` for every other path).
 */
export function createMediaHost() {
  const files = new Map<string, { bytes: Buffer; mimeType: string }>()
  return {
    host(
      baseUrl: string,
      input: { bytes: Uint8Array; mimeType: string; name?: string },
      newId: () => string,
    ): string {
      const key = input.name ?? `${newId()}.${input.mimeType.split('/')[1] ?? 'bin'}`
      files.set(key, { bytes: Buffer.from(input.bytes), mimeType: input.mimeType })
      return `${baseUrl}${PREFIX}${encodeURIComponent(key)}`
    },
    serve(path: string): SimResponse | undefined {
      if (!path.startsWith(PREFIX)) return undefined
      const file = files.get(decodeURIComponent(path.slice(PREFIX.length)))
      return file
        ? { status: 200, headers: { 'content-type': file.mimeType }, body: file.bytes }
        : { status: 404, body: 'no such file' }
    },
  }
}

export type MediaHost = ReturnType<typeof createMediaHost>
