import { definePackageConfig } from '@statex/vitest-config'

export default definePackageConfig()
