import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { EXTENSIONS } from './media-types.js'

const FILE_NAME = /^[0-9a-f-]{36}\.[a-z0-9]{2,4}$/
const WORKSPACE = /^[0-9a-f-]{36}$/

/**
 * Media on local disk under `<dir>/<workspaceId>/<uuid>.<ext>`, served at
 * `<publicUrl>/media/<workspaceId>/<file>`: Instagram and Facebook fetch media from a URL, so it
 * is public, and unguessable rather than listed.
 */
export function localMediaStore(options: { dir: string; publicUrl: string }) {
  const root = path.resolve(options.dir)
  return {
    async save(
      workspaceId: string,
      mimeType: string,
      data: Buffer,
    ): Promise<{ url: string; file: string }> {
      const file = `${randomUUID()}.${EXTENSIONS[mimeType] ?? 'bin'}`
      const folder = path.join(root, workspaceId)
      await mkdir(folder, { recursive: true })
      // Written beside, then renamed: a reader never sees half a file.
      const partial = path.join(folder, `.${file}.part`)
      try {
        await writeFile(partial, data)
        await rename(partial, path.join(folder, file))
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
      return { url: `${options.publicUrl}/media/${workspaceId}/${file}`, file }
    },

    /** A stream of a stored file, or null; only names this store made are looked up. */
    async open(workspaceId: string, file: string) {
      if (!WORKSPACE.test(workspaceId) || !FILE_NAME.test(file)) return null
      const full = path.join(root, workspaceId, file)
      try {
        const info = await stat(full)
        return { stream: createReadStream(full), size: info.size, ext: file.split('.').pop()! }
      } catch {
        return null
      }
    },
  }
}

export type MediaStore = ReturnType<typeof localMediaStore>
