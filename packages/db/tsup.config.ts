import { internalPackage } from '@statex/tsup-config'

export default internalPackage(
  { index: 'src/index.ts', testing: 'src/testing.ts', cli: 'src/cli.ts' },
  {
    dts: { entry: { index: 'src/index.ts', testing: 'src/testing.ts' } },
    // The generated client is bundled (it lives in src/); its runtime and the drivers are not.
    external: [
      '@prisma/client',
      '@prisma/adapter-pg',
      '@prisma/driver-adapter-utils',
      '@prisma/schema-engine-wasm',
      'pg',
    ],
  },
)
