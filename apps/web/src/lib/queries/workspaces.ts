'use client'

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useCallback } from 'react'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

/** Read by the API proxy (src/server/api-proxy.ts) and sent as X-Statex-Workspace. */
const WORKSPACE_COOKIE = 'statex-workspace'
const YEAR_S = 365 * 24 * 3600

/** The workspaces the signed-in person belongs to, with their role in each. */
export function useMyWorkspaces() {
  return useQuery({
    queryKey: keys.myWorkspaces,
    queryFn: async () => unwrap(await api().GET('/v1/me/workspaces')).data,
    staleTime: 60_000,
  })
}

/**
 * Makes `id` the workspace every later API call acts in: the cookie the proxy reads, then every
 * cached answer dropped (they belong to the previous workspace) and the server parts re-rendered.
 */
export function useSwitchWorkspace() {
  const client = useQueryClient()
  const router = useRouter()
  return useCallback(
    (id: string) => {
      document.cookie = `${WORKSPACE_COOKIE}=${encodeURIComponent(id)}; path=/; max-age=${YEAR_S}; samesite=lax`
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.myWorkspaces[0] })
      void client.invalidateQueries()
      router.refresh()
    },
    [client, router],
  )
}
