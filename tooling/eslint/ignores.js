import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's one list of generated files (see its header). */
export const IGNORE_FILE = join(dirname(fileURLToPath(import.meta.url)), '../../.prettierignore')

/**
 * Turns the gitignore-style lines of the ignore file into ESLint flat-config globs. Every pattern
 * matches at any depth, as in git: `dist/` → `**\/dist/**`, `*.tsbuildinfo` → `**\/*.tsbuildinfo`,
 * `next-env.d.ts` → the file and a directory of that name.
 */
export function toEslintIgnores(text) {
  const globs = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    if (line.startsWith('!') || line.startsWith('/'))
      throw new Error(
        `${IGNORE_FILE}: "${line}" is anchored or negated; this list only holds patterns that match at any depth`,
      )
    const anywhere = line.startsWith('**/') ? line : `**/${line}`
    if (anywhere.endsWith('/**')) globs.push(anywhere)
    else if (anywhere.endsWith('/')) globs.push(`${anywhere}**`)
    else globs.push(anywhere, `${anywhere}/**`)
  }
  return globs
}

export function generatedFileIgnores() {
  return toEslintIgnores(readFileSync(IGNORE_FILE, 'utf8'))
}
