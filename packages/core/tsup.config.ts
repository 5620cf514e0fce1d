import { publishableLibrary } from '@statex/tsup-config'

export default publishableLibrary({ index: 'src/index.ts', adapter: 'src/adapter.ts' })
