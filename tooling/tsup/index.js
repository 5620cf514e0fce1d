const common = { clean: true, sourcemap: true, target: 'node20' }

/**
 * A publishable library: ESM + CJS + .d.ts for each entry, so it works with `import` and
 * `require` (the adapters' standalone users). `overrides` adds e.g. `external`.
 */
export function publishableLibrary(entry, overrides = {}) {
  return { ...common, entry, format: ['esm', 'cjs'], dts: true, ...overrides }
}

/** A private workspace package used only by the apps: ESM + .d.ts. */
export function internalPackage(entry, overrides = {}) {
  return { ...common, entry, format: ['esm'], dts: true, ...overrides }
}

/** An app's process entry (`dist/main.js`), ESM, no declarations. */
export function app(entry = { main: 'src/main.ts' }, overrides = {}) {
  return { ...common, entry, format: ['esm'], ...overrides }
}
