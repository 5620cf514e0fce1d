import type { Post } from '@statex/api-client'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { ApiCallError } from '@/lib/api'
import { useEditPost, usePublishNow } from '@/lib/queries/posts'
import type { SendPost } from './composer-submit'
import type { ComposerAccount } from './composer-values'
import { toastDuplicates } from './duplicate-toasts'
import { editBodyOf } from './edit-model'

/**
 * An edit: PATCH /v1/posts/:id with the form's body (the API checks it as it checks a new post),
 * then the publish route when the person chose "now"; back on /posts with the post highlighted.
 */
export function useEditSend(
  post: Post,
  accounts: readonly ComposerAccount[],
): { send: SendPost; pending: boolean } {
  const router = useRouter()
  const edit = useEditPost()
  const publish = usePublishNow()
  const send: SendPost = async (valid) => {
    const { body, publishNow } = editBodyOf(valid, post, accounts)
    const answer = await edit.mutateAsync({ id: post.id, body })
    if (publishNow)
      await publish.mutateAsync(post.id).catch((error: unknown) => {
        // The edit is stored; only publishing it was refused (e.g. it awaits approval).
        if (!(error instanceof ApiCallError)) throw error
        throw new ApiCallError(error.status, error.code, `Saved, not published: ${error.message}`)
      })
    const n = answer.changed.length
    toast.success(
      `Post updated: ${n} ${n === 1 ? 'account' : 'accounts'}${publishNow ? ', publishing now' : ''}.`,
      answer.post.approvalStatus === 'in_review' && post.approvalStatus === 'approved'
        ? { description: 'Its content changed after approval, so it is back in review.' }
        : undefined,
    )
    // Taken by the worker between loading and saving: those targets kept what they had.
    if (answer.skipped.length)
      toast.warning(
        `Not changed: ${answer.skipped
          .map(
            (s) =>
              `${post.targets.find((t) => t.id === s.targetId)?.platform ?? 'a target'} ${s.reason}`,
          )
          .join('; ')}.`,
        { duration: 12_000 },
      )
    toastDuplicates(answer.warnings, router)
    router.push(`/posts?post=${post.id}`)
  }
  return { send, pending: edit.isPending || publish.isPending }
}
