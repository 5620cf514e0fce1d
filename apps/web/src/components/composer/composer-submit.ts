import { useState } from 'react'
import type { FieldErrors, UseFormHandleSubmit } from 'react-hook-form'
import { ApiCallError } from '@/lib/api'
import type { ComposerValues } from './composer-values'

/** Every message in react-hook-form's error tree (a field shape the live checks do not cover). */
function messagesOf(errors: unknown): string[] {
  if (!errors || typeof errors !== 'object') return []
  const own = (errors as { message?: unknown }).message
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...Object.entries(errors)
      // `root` holds the live problems, shown from the current values instead.
      .filter(([key]) => !['ref', 'message', 'type', 'root'].includes(key))
      .flatMap(([, value]) => messagesOf(value)),
  ]
}

/** What the API said about a refused post, as lines a person can act on. */
function apiProblems(error: unknown): string[] {
  if (!(error instanceof ApiCallError)) return [String(error)]
  const details = error.details as
    { targets?: { platform?: string; issues?: { message: string }[] }[] } | undefined
  const lines =
    details?.targets?.flatMap((t) =>
      (t.issues ?? []).map((i) => `${t.platform ? `${t.platform}: ` : ''}${i.message}`),
    ) ?? []
  return lines.length ? lines : [error.message]
}

/** Sends the checked values; throws what the API refused (shown as `refused`). */
export type SendPost = (valid: ComposerValues) => Promise<void>

/**
 * Sending the post: the form's own check first (`attempted` turns the live problems on), then
 * `send` (a new post's create, or an edit's PATCH); what the API refuses comes back as `refused`.
 */
export function useSubmitPost(handleSubmit: UseFormHandleSubmit<ComposerValues>, send: SendPost) {
  const [attempted, setAttempted] = useState(false)
  const [refused, setRefused] = useState<string[]>([])
  const [invalid, setInvalid] = useState<string[]>([])
  const submit = handleSubmit(
    async (valid) => {
      setRefused([])
      setInvalid([])
      try {
        await send(valid)
      } catch (error) {
        setRefused(apiProblems(error))
      }
    },
    (errors: FieldErrors<ComposerValues>) => {
      setAttempted(true)
      setInvalid([...new Set(messagesOf(errors))])
    },
  )
  return { submit, attempted, refused, invalid }
}
