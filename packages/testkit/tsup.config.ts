import { publishableLibrary } from '@statex/tsup-config'

export default publishableLibrary(
  { index: 'src/index.ts', simulator: 'src/simulator.ts' },
  // The contract runs inside the caller's Vitest; bundling it would run a second copy.
  { external: ['vitest'] },
)
