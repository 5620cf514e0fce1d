'use client'

import type { Platform } from '@statex/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export function useAnalytics(query: { startDate: string; endDate: string; platform?: Platform }) {
  return useQuery({
    queryKey: keys.analytics(query),
    // A new period keeps the last figures on screen until its own arrive.
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api().GET('/v1/analytics', { params: { query } })),
  })
}
