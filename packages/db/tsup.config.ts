import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The generated client is bundled (it lives in src/); its runtime and the drivers are not.
  external: ['@prisma/client', '@prisma/adapter-pg', '@prisma/driver-adapter-utils', '@prisma/schema-engine-wasm', 'pg'],
})
