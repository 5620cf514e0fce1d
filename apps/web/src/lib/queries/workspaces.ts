'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useCallback } from 'react'
import { api, unwrap } from '@/lib/api'
import { rememberWorkspace } from '../workspace-cookie'
import { keys } from './keys'

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
      rememberWorkspace(id)
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.myWorkspaces[0] })
      void client.invalidateQueries()
      router.refresh()
    },
    [client, router],
  )
}

/** Creates a workspace the person owns (POST /v1/me/workspaces); the list of theirs refreshes. */
export function useCreateWorkspace() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: { name: string; timeZone: string }) =>
      unwrap(await api().POST('/v1/me/workspaces', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.myWorkspaces }),
  })
}
