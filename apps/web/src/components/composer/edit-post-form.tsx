'use client'

import type { Account, Post } from '@statex/api-client'
import type { Platform } from '@statex/core'
import { useMemo } from 'react'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { userTimeZone } from '@/lib/time'
import { ComposerForm } from './composer-form'
import type { ComposerAccount } from './composer-values'
import { valuesFromPost } from './edit-model'
import { editScheduleLabels } from './edit-schedule'
import { useEditSend } from './edit-send'
import { EditTargets } from './edit-targets'

/**
 * The composer editing an existing post: its values loaded into the same form, its accounts
 * fixed, saved through PATCH /v1/posts/:id.
 */
export default function EditPostForm({
  post,
  accounts: known,
}: {
  post: Post
  accounts: readonly Account[]
}) {
  // The post's own accounts, even one disconnected since (it is named, not offered).
  const accounts: ComposerAccount[] = useMemo(
    () =>
      [...new Set(post.targets.map((t) => t.accountId))].map((id) => {
        const account = known.find((a) => a.id === id)
        const platform = (account?.platform ??
          post.targets.find((t) => t.accountId === id)!.platform) as Platform
        return {
          id,
          platform,
          displayName: account?.displayName ?? PLATFORM_LABELS[platform],
          handle: account?.handle ?? null,
          avatarUrl: account?.avatarUrl ?? null,
        }
      }),
    [post, known],
  )
  const accountNames = useMemo(
    () => new Map(accounts.map((a) => [a.id, a.displayName])),
    [accounts],
  )
  // Loaded once: a refetch of the post must not reset what the person is typing.
  const values = useMemo(() => valuesFromPost(post, userTimeZone()), [post.id])
  const { send, pending } = useEditSend(post, accounts)
  return (
    <ComposerForm
      accounts={accounts}
      mode={{
        label: 'Edit post',
        values,
        send,
        pending,
        schedule: editScheduleLabels(post),
        targets: <EditTargets targets={post.targets} accountNames={accountNames} />,
        shortenLinks: false,
      }}
    />
  )
}
