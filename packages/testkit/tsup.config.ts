import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', simulator: 'src/simulator.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['vitest'],
})
