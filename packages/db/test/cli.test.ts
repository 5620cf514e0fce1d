import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../src/testing.js'

const run = promisify(execFile)
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

const cli = (...args: string[]) =>
  run(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: t.databaseUrl, STATEX_ENCRYPTION_KEYS: '' },
  })

describe('statex-db api-key', () => {
  it('prints a working key of the role asked, once, on stdout alone', async () => {
    await t.db.seedDemo()
    const { stdout, stderr } = await cli('api-key', 'demo', 'editor')
    const key = stdout.trim()
    expect(key).toMatch(/^\S{20,}$/)
    expect(stderr).toContain('shown once')
    const verified = await t.db.apiKeys.verifyApiKey(key)
    expect(verified?.role).toBe('editor')
    expect(verified?.workspaceId).toBe((await t.db.workspaces.getWorkspaceBySlug('demo'))!.id)
  })

  it('says which workspace is missing, and refuses an unknown role', async () => {
    await expect(cli('api-key', 'no-such-workspace')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no workspace "no-such-workspace"'),
    })
    await expect(cli('api-key', 'demo', 'admin')).rejects.toMatchObject({ code: 2 })
  })
})
