'use client'

import type { Account } from '@statex/api-client'
import type { Platform } from '@statex/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type { Account }

export function useAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: async () => unwrap(await api().GET('/v1/accounts')).data,
  })
}

/** How each platform this deployment runs is connected: OAuth (a consent page) or a pasted token. */
export interface PlatformInfo {
  platform: Platform
  connection: 'oauth' | 'token'
}

export function usePlatforms() {
  return useQuery({
    queryKey: keys.platforms,
    staleTime: Infinity,
    queryFn: async () => {
      const body = unwrap(await api().GET('/v1/platforms'))
      return body.data.map((p): PlatformInfo => ({
        platform: p.platform,
        connection: p.capabilities.connection,
      }))
    },
  })
}

export function useConnectWithToken() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (input: {
      platform: Platform
      accessToken: string
      externalAccountId: string
    }) =>
      unwrap(
        await api().POST('/v1/accounts/{platform}/token', {
          params: { path: { platform: input.platform } },
          body: { accessToken: input.accessToken, externalAccountId: input.externalAccountId },
        }),
      ).account,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.accounts }),
  })
}

/** Starts an OAuth connect and sends the browser to the platform's consent page. */
export function useStartOAuth() {
  return useMutation({
    mutationFn: async (platform: Platform) => {
      const { authorizationUrl } = unwrap(
        await api().POST('/v1/accounts/{platform}/connect', { params: { path: { platform } } }),
      )
      window.location.assign(authorizationUrl)
      return authorizationUrl
    },
  })
}

export function useDisconnect() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, cancelScheduled }: { id: string; cancelScheduled: boolean }) =>
      unwrap(
        await api().DELETE('/v1/accounts/{id}', {
          params: { path: { id }, query: { cancelScheduled: cancelScheduled ? 'true' : 'false' } },
        }),
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.accounts })
      void client.invalidateQueries({ queryKey: keys.posts })
    },
  })
}
