import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { useCreatePost } from '@/lib/queries/posts'
import type { SendPost } from './composer-submit'
import type { ComposerAccount } from './composer-values'
import { toastDuplicates } from './duplicate-toasts'
import { loadComposerRules } from './use-composer-rules'

/** A new post: POST /v1/posts with the form's body, then the posts page. */
export function useCreateSend(accounts: readonly ComposerAccount[]): {
  send: SendPost
  pending: boolean
} {
  const router = useRouter()
  const create = useCreatePost()
  const send: SendPost = async (valid) => {
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
    toastDuplicates(answer.warnings, router)
    router.push('/posts')
  }
  return { send, pending: create.isPending }
}
