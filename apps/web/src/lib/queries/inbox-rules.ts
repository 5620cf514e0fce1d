'use client'

import type { components } from '@statex/api-client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type AutoRespondRule = components['schemas']['AutoRespondRule']
export type AutoRespondMode = AutoRespondRule['mode']

/** The API's defaults for a rule that does not exist yet (PUT /v1/inbox/rules fills the same). */
export const NEW_RULE: Omit<AutoRespondRule, 'accountId'> = {
  mode: 'off',
  types: [],
  keywords: [],
  quietStart: null,
  quietEnd: null,
  hourlyCap: 20,
}

const rules = {
  queryKey: keys.inboxRules,
  queryFn: async () => unwrap(await api().GET('/v1/inbox/rules')).data,
}

/** Every auto-respond rule: the workspace's (accountId null) and the accounts' own. */
export function useInboxRules() {
  return useQuery(rules)
}

/** The workspace's auto-respond rule (accounts without their own follow it); off when none is set. */
export function useWorkspaceRule() {
  return useQuery({ ...rules, select: (all) => all.find((r) => r.accountId === null) ?? null })
}

/** Sets the workspace's rule (accountId null) or one account's own. */
export function useSetRule() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (rule: AutoRespondRule) =>
      unwrap(await api().PUT('/v1/inbox/rules', { body: rule })).rule,
    onSettled: () => client.invalidateQueries({ queryKey: keys.inboxRules }),
  })
}

/** Removes an account's own rule: it follows the workspace's again. */
export function useRemoveAccountRule() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (accountId: string) =>
      unwrap(
        await api().DELETE('/v1/inbox/rules/{accountId}', { params: { path: { accountId } } }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.inboxRules }),
  })
}
