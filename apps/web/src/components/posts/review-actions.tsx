'use client'

import type { Post } from '@statex/api-client'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { Field, Textarea } from '@/components/ui/field'
import {
  reviewPageUrl,
  useCreateReviewLink,
  useReviewStep,
  type ReviewStep,
} from '@/lib/queries/reviews'
import { toastError } from '@/lib/toast-error'
import { PostHistory } from './post-history'

const DONE: Record<ReviewStep, string> = {
  submit: 'Submitted for review.',
  approve: 'Approved: it publishes at its time.',
  reject: 'Rejected: the post is a draft again, with your comment.',
}

/** The review steps a post allows now, its review link and its history. */
export function ReviewActions({ post }: { post: Post }) {
  const ids = useId()
  const review = useReviewStep()
  const link = useCreateReviewLink()
  const [rejecting, setRejecting] = useState(false)
  const [comment, setComment] = useState('')
  const [commentError, setCommentError] = useState('')
  const [shareUrl, setShareUrl] = useState('')
  const hasDraft = post.targets.some((t) => t.status === 'DRAFT')
  const canSubmit =
    post.approvalStatus === 'pending' ||
    post.approvalStatus === 'rejected' ||
    (post.approvalStatus === 'not_required' && hasDraft)
  const inReview = post.approvalStatus === 'in_review'

  const run = (step: ReviewStep, text?: string, after?: () => void) =>
    review.mutate(
      { id: post.id, step, ...(text ? { comment: text } : {}) },
      {
        onSuccess: () => {
          toast.success(DONE[step])
          after?.()
        },
        onError: (error) => toastError('Refused', error),
      },
    )

  return (
    <>
      {canSubmit && (
        <Button size="sm" disabled={review.isPending} onClick={() => run('submit')}>
          Submit for review
        </Button>
      )}
      {inReview && (
        <>
          <Button
            size="sm"
            variant="primary"
            disabled={review.isPending}
            onClick={() => run('approve')}
          >
            Approve
          </Button>
          <Dialog
            open={rejecting}
            onOpenChange={setRejecting}
            title="Reject this post?"
            description="It goes back to draft; your comment tells the author what to change."
            trigger={
              <Button size="sm" variant="danger">
                Reject…
              </Button>
            }
          >
            <form
              className="flex flex-col gap-3"
              onSubmit={(event) => {
                event.preventDefault()
                if (!comment.trim()) return setCommentError('Say what should change.')
                run('reject', comment.trim(), () => {
                  setRejecting(false)
                  setComment('')
                })
              }}
            >
              <Field id={`${ids}-comment`} label="Comment" error={commentError}>
                <Textarea
                  id={`${ids}-comment`}
                  value={comment}
                  onChange={(e) => {
                    setComment(e.target.value)
                    setCommentError('')
                  }}
                  aria-invalid={commentError ? true : undefined}
                  className="min-h-24"
                />
              </Field>
              <Button type="submit" variant="danger" disabled={review.isPending}>
                Reject with comment
              </Button>
            </form>
          </Dialog>
          <Dialog
            open={shareUrl !== ''}
            onOpenChange={(open) => !open && setShareUrl('')}
            title="Review link"
            description="Whoever has this link can approve, reject or comment for 72 hours, without an account. It is shown once."
          >
            <label htmlFor={`${ids}-url`} className="text-sm font-semibold">
              Link
            </label>
            <input
              id={`${ids}-url`}
              readOnly
              value={shareUrl}
              onFocus={(e) => e.currentTarget.select()}
              className="mt-1 w-full rounded-md border border-field bg-surface-2 px-2 py-1.5 font-mono text-xs"
            />
          </Dialog>
          <Button
            size="sm"
            variant="quiet"
            disabled={link.isPending}
            onClick={() =>
              link.mutate(
                { id: post.id, expiresInHours: 72 },
                {
                  onSuccess: (answer) => setShareUrl(reviewPageUrl(answer.token)),
                  onError: (error) => toastError('No link', error),
                },
              )
            }
          >
            Share review link
          </Button>
        </>
      )}
      <PostHistory postId={post.id} />
    </>
  )
}
