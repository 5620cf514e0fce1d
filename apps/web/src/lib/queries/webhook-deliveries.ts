'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

const deliveriesKey = (id: string) => [...keys.webhooks, id, 'deliveries'] as const

/** Recent deliveries of one endpoint; polls while one is still pending (being retried). */
export function useWebhookDeliveries(id: string, enabled: boolean) {
  return useQuery({
    queryKey: deliveriesKey(id),
    queryFn: async () =>
      unwrap(
        await api().GET('/v1/webhooks/endpoints/{id}/deliveries', { params: { path: { id } } }),
      ).data,
    enabled,
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.status === 'pending') ? 3_000 : false,
  })
}

/** Queues a signed `webhook.test` event to the endpoint; it shows in the log when sent. */
export function useTestWebhook() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().POST('/v1/webhooks/endpoints/{id}/test', { params: { path: { id } } })),
    onSettled: (_answer, _error, id) => client.invalidateQueries({ queryKey: deliveriesKey(id) }),
  })
}
