'use client'

import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export function useAnalytics(range: { startDate: string; endDate: string }) {
  return useQuery({
    queryKey: keys.analytics(range),
    queryFn: async () => unwrap(await api().GET('/v1/analytics', { params: { query: range } })),
  })
}
