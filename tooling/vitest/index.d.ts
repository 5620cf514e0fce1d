import type { ViteUserConfig } from 'vitest/config'

export function definePackageConfig(overrides?: ViteUserConfig): ViteUserConfig
