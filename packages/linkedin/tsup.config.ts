import { publishableLibrary } from '@statex/tsup-config'

export default publishableLibrary({ index: 'src/index.ts', testing: 'src/testing.ts' })
