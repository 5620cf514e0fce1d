'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { components } from '@statex/api-client'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type Notification = components['schemas']['Notification']
export type NotificationPreferences = components['schemas']['NotificationPreferences']
export type NotificationKind = keyof NotificationPreferences

/** The bell polls: a failure the worker records shows within this without a reload. */
export const BELL_POLL_MS = 15_000

export function useNotifications() {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: async () =>
      unwrap(await api().GET('/v1/notifications', { params: { query: { limit: 20 } } })),
    refetchInterval: BELL_POLL_MS,
    refetchOnWindowFocus: true,
  })
}

export function useMarkRead() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (target: { ids: string[] } | { all: true }) =>
      unwrap(await api().POST('/v1/notifications/read', { body: target })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications, exact: true }),
  })
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: keys.notificationPreferences,
    queryFn: async () => unwrap(await api().GET('/v1/notifications/preferences')),
  })
}

export function useSaveNotificationPreferences() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: Partial<NotificationPreferences>) =>
      unwrap(await api().PUT('/v1/notifications/preferences', { body })),
    onSuccess: (saved) => client.setQueryData(keys.notificationPreferences, saved),
  })
}
