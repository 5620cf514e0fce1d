import { PLATFORMS, type Platform, type ProviderCapabilities } from '@statex/core'
import type { FastifyPluginAsync } from 'fastify'
import type { ProviderRegistry } from '@statex/providers'

export interface PlatformSummary {
  platform: Platform
  capabilities: ProviderCapabilities
}

/**
 * What each platform this deployment runs accepts and supports: content limits, media rules,
 * threads, polls, metrics, inbox delivery. The composer and API users read this instead of
 * hard-coding limits.
 */
export const platformRoutes: FastifyPluginAsync<{ providers: ProviderRegistry }> = async (
  app,
  { providers },
) => {
  // Computed once: the registry is fixed for the life of the process.
  const data: PlatformSummary[] = PLATFORMS.flatMap((platform) => {
    const provider = providers.providers[platform]
    return provider ? [{ platform, capabilities: provider.capabilities }] : []
  })

  app.get('/v1/platforms', async () => ({ data }))
}
