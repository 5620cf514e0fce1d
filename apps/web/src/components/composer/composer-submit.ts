import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { FieldErrors, UseFormHandleSubmit } from 'react-hook-form'
import { toast } from 'sonner'
import { ApiCallError } from '@/lib/api'
import { useCreatePost } from '@/lib/queries/posts'
import type { ComposerAccount, ComposerValues } from './composer-values'
import { loadComposerRules } from './use-composer-rules'

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

/**
 * Sending the post: the form's own check first (`attempted` turns the live problems on), then the
 * API; what the API refuses comes back as `refused`, and a sent post leads to the posts page.
 */
export function useSubmitPost(
  handleSubmit: UseFormHandleSubmit<ComposerValues>,
  accounts: readonly ComposerAccount[],
) {
  const router = useRouter()
  const create = useCreatePost()
  const [attempted, setAttempted] = useState(false)
  const [refused, setRefused] = useState<string[]>([])
  const [invalid, setInvalid] = useState<string[]>([])
  const submit = handleSubmit(
    async (valid) => {
      setRefused([])
      setInvalid([])
      try {
        const { bodyOf } = await loadComposerRules()
        const answer = await create.mutateAsync(bodyOf(valid, accounts))
        const n = answer.post.targets.length
        toast.success(
          valid.schedule === 'draft'
            ? 'Draft saved.'
            : valid.schedule === 'now'
              ? `Publishing to ${n} ${n === 1 ? 'account' : 'accounts'} now.`
              : `Scheduled on ${n} ${n === 1 ? 'account' : 'accounts'}.`,
        )
        // Scheduled anyway (only X refuses duplicates, as an error): say which post it repeats.
        for (const warning of answer.warnings)
          toast.warning(warning.message, {
            duration: 12_000,
            action: {
              label: 'Open the earlier post',
              onClick: () => router.push(`/posts?post=${warning.earlier.postId}`),
            },
          })
        router.push('/posts')
      } catch (error) {
        setRefused(apiProblems(error))
      }
    },
    (errors: FieldErrors<ComposerValues>) => {
      setAttempted(true)
      setInvalid([...new Set(messagesOf(errors))])
    },
  )
  return { submit, attempted, refused, invalid, pending: create.isPending }
}
