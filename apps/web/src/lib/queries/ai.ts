'use client'

import type { Platform } from '@statex/core'
import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'

export type AssistTask = 'rewrite' | 'hashtags' | 'shorten'

/** One suggestion per platform from the API's AI assist (checked there with each platform's rules). */
export function useAiAssist() {
  return useMutation({
    mutationFn: async (body: { text: string; platforms: Platform[]; task: AssistTask }) =>
      unwrap(await api().POST('/v1/ai/assist', { body })).suggestions,
  })
}
