import { PLATFORMS, type Platform, type ProviderCapabilities } from '@statex/core'
import type { ProviderRegistry } from '@statex/providers'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { PlatformList } from '../schemas/platforms.js'

export interface PlatformSummary {
  platform: Platform
  capabilities: ProviderCapabilities
}

/**
 * What each platform this deployment runs accepts and supports: content limits, media rules,
 * threads, polls, metrics, inbox delivery. The composer and API users read this instead of
 * hard-coding limits.
 */
export const platformRoutes: FastifyPluginAsyncZod<{ providers: ProviderRegistry }> = async (
  app,
  { providers },
) => {
  // Computed once: the registry is fixed for the life of the process.
  const data: PlatformSummary[] = PLATFORMS.flatMap((platform) => {
    const provider = providers.providers[platform]
    return provider ? [{ platform, capabilities: provider.capabilities }] : []
  })

  app.get(
    '/v1/platforms',
    {
      schema: {
        tags: ['platforms'],
        summary: 'The platforms this server publishes to, with their limits and capabilities',
        response: { 200: PlatformList },
      },
    },
    async () => ({ data }),
  )
}
