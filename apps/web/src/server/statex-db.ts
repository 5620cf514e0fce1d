import type * as StatexDbModule from '@statex/db'

/** The `@statex/db` module as it is at run time, with whatever its release exports. */
export type StatexDb = typeof StatexDbModule

let loading: Promise<StatexDb> | undefined

/**
 * Loads `@statex/db` with Node's own resolver, outside the bundle. Turbopack bundles workspace
 * packages even when they are listed in `serverExternalPackages` (vercel/next.js#84388), and
 * bundling breaks the package: it locates its migrations with `new URL('../prisma/migrations',
 * import.meta.url)` and loads Prisma's query compiler from disk. Node resolves the bare name from
 * `.next/server/...` up to `apps/web/node_modules/@statex/db`.
 */
export function loadStatexDb(): Promise<StatexDb> {
  loading ??= import(/* turbopackIgnore: true */ /* webpackIgnore: true */ '@statex/db')
  return loading
}
