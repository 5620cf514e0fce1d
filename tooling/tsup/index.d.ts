import type { Options } from 'tsup'

type Entry = Record<string, string>

/** Named here so a package's `tsup.config.ts` has a type it can name (declaration builds need one). */
export interface BuildConfig extends Options {}

export function publishableLibrary(entry: Entry, overrides?: Options): BuildConfig
export function internalPackage(entry: Entry, overrides?: Options): BuildConfig
export function app(entry?: Entry, overrides?: Options): BuildConfig
