import { internalPackage } from '@statex/tsup-config'

export default internalPackage({ index: 'src/index.ts', testing: 'src/testing.ts' })
