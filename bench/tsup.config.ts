import { defineConfig } from 'tsup'

// One bundle of the runner and every bench; workspace code reached by relative path (the
// worker's engine) is bundled in, npm packages stay external and load from node_modules.
export default defineConfig({
  entry: { run: 'run.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  skipNodeModulesBundle: true,
})
