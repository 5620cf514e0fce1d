'use client'

import { ComposerForm, NEW_POST_VALUES } from './composer-form'
import type { ComposerAccount } from './composer-values'
import { useCreateSend } from './create-send'

/** The composer writing a new post: any active account, created through POST /v1/posts. */
export default function NewPostForm({ accounts }: { accounts: readonly ComposerAccount[] }) {
  const { send, pending } = useCreateSend(accounts)
  return (
    <ComposerForm
      accounts={accounts}
      mode={{ label: 'New post', values: NEW_POST_VALUES, send, pending }}
    />
  )
}
