'use client'

import type { components } from '@statex/api-client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type BrandVoice = components['schemas']['BrandVoice']
export type KnowledgeEntry = components['schemas']['KnowledgeEntry']

/** The brand voice AI replies are written in (tone, signature, do and don't). */
export function useBrandVoice() {
  return useQuery({
    queryKey: keys.brandVoice,
    queryFn: async () => unwrap(await api().GET('/v1/inbox/brand-voice')).voice,
  })
}

export function useSaveBrandVoice() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (voice: BrandVoice) =>
      unwrap(await api().PUT('/v1/inbox/brand-voice', { body: voice })).voice,
    onSuccess: (voice) => client.setQueryData(keys.brandVoice, voice),
  })
}

/** The FAQ entries AI replies may quote. */
export function useKnowledge() {
  return useQuery({
    queryKey: keys.knowledge,
    queryFn: async () => unwrap(await api().GET('/v1/inbox/knowledge')).data,
  })
}

export function useAddKnowledge() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (entry: { question: string; answer: string }) =>
      unwrap(await api().POST('/v1/inbox/knowledge', { body: entry })).entry,
    onSettled: () => client.invalidateQueries({ queryKey: keys.knowledge }),
  })
}

export function useDeleteKnowledge() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().DELETE('/v1/inbox/knowledge/{id}', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.knowledge }),
  })
}
