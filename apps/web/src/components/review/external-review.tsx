'use client'

import type { Platform } from '@statex/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Textarea } from '@/components/ui/field'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { ApiCallError, api, unwrap } from '@/lib/api'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { formatInstant } from '@/lib/time'

type Decision = 'approve' | 'reject' | 'comment'

const STATUS: Record<string, string> = {
  in_review: 'Waiting for your review',
  approved: 'Approved',
  rejected: 'Changes requested',
  pending: 'Not submitted for review yet',
  not_required: 'No review needed',
}

const KIND: Record<string, string> = {
  submitted: 'Submitted for review',
  approved: 'Approved',
  rejected: 'Rejected',
  commented: 'Comment',
  reopened: 'Sent back to review after an edit',
}

const textOf = (content: Record<string, unknown>) =>
  typeof content.text === 'string' ? content.text : ''

/** A post as a review link shows it, and the reviewer's approve / reject / comment. */
export function ExternalReview({ token }: { token: string }) {
  const ids = useId()
  const client = useQueryClient()
  const [name, setName] = useState('')
  const [comment, setComment] = useState('')
  const [errors, setErrors] = useState<{ name?: string; comment?: string }>({})
  const review = useQuery({
    queryKey: ['review', token],
    queryFn: async () => unwrap(await api().GET('/v1/review', { params: { query: { token } } })),
    enabled: token.length > 0,
    retry: false,
  })
  const decide = useMutation({
    mutationFn: async (decision: Decision) => {
      const body = { token, name: name.trim(), comment: comment.trim() }
      if (decision === 'approve') {
        const { comment: text, ...rest } = body
        return unwrap(
          await api().POST('/v1/review/approve', {
            body: text ? { ...rest, comment: text } : rest,
          }),
        )
      }
      if (decision === 'reject') return unwrap(await api().POST('/v1/review/reject', { body }))
      return unwrap(await api().POST('/v1/review/comments', { body }))
    },
    onSuccess: (_answer, decision) => {
      toast.success(
        decision === 'approve'
          ? 'Approved. Thank you: it publishes at its time.'
          : decision === 'reject'
            ? 'Sent back with your comment.'
            : 'Comment added.',
      )
      setComment('')
      void client.invalidateQueries({ queryKey: ['review', token] })
    },
    onError: (error) =>
      toast.error(error instanceof ApiCallError ? error.message : 'That did not go through.'),
  })

  function submit(decision: Decision) {
    const problems = {
      ...(name.trim() ? {} : { name: 'Say who you are, so the team knows who reviewed.' }),
      ...(decision !== 'approve' && !comment.trim()
        ? { comment: decision === 'reject' ? 'Say what should change.' : 'Write a comment.' }
        : {}),
    }
    setErrors(problems)
    if (Object.keys(problems).length === 0) decide.mutate(decision)
  }

  if (!token)
    return (
      <EmptyState title="This review link is incomplete">
        Open the whole link you were sent; it ends with <code>?token=…</code>.
      </EmptyState>
    )

  return (
    <>
      <PageHeader
        title="Review a post"
        lead="No account needed: approve it, or say what to change."
      />
      {review.isPending ? (
        <SkeletonList label="Loading the post…" />
      ) : review.isError ? (
        review.error instanceof ApiCallError && review.error.status === 410 ? (
          <EmptyState title="This review link no longer works">
            It expired or was withdrawn; ask whoever sent it for a new one.
          </EmptyState>
        ) : (
          <ErrorState error={review.error} onRetry={() => void review.refetch()} />
        )
      ) : (
        <div className="flex flex-col gap-4">
          <section aria-label="The post" className="rounded-lg border border-border bg-surface p-4">
            <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-muted">
              <Badge tone={review.data.approvalStatus === 'in_review' ? 'info' : 'neutral'}>
                {STATUS[review.data.approvalStatus] ?? review.data.approvalStatus}
              </Badge>
              {review.data.scheduledAt
                ? `To publish ${formatInstant(review.data.scheduledAt)}`
                : 'No time set yet'}
            </p>
            <p className="whitespace-pre-wrap break-words">{textOf(review.data.content)}</p>
            <ul aria-label="Where it goes" className="mt-3 flex flex-col gap-2">
              {review.data.targets.map((t, i) => {
                const own = textOf(t.content)
                return (
                  <li key={i} className="rounded-md bg-surface-2 px-3 py-2 text-sm">
                    <strong>{PLATFORM_LABELS[t.platform as Platform] ?? t.platform}</strong>
                    {own && own !== textOf(review.data.content) && (
                      <span className="mt-1 block whitespace-pre-wrap">{own}</span>
                    )}
                  </li>
                )
              })}
            </ul>
          </section>

          <form
            aria-label="Your review"
            className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4"
            onSubmit={(event) => {
              event.preventDefault()
              submit('approve')
            }}
          >
            <Field id={`${ids}-name`} label="Your name" error={errors.name}>
              <Input
                id={`${ids}-name`}
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="name"
                aria-invalid={errors.name ? true : undefined}
              />
            </Field>
            <Field
              id={`${ids}-comment`}
              label="Comment"
              hint="Needed to reject: say what should change."
              error={errors.comment}
            >
              <Textarea
                id={`${ids}-comment`}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                className="min-h-24"
                aria-invalid={errors.comment ? true : undefined}
              />
            </Field>
            <div className="flex flex-wrap gap-2">
              {review.data.approvalStatus === 'in_review' && (
                <>
                  <Button type="submit" variant="primary" disabled={decide.isPending}>
                    Approve
                  </Button>
                  <Button
                    variant="danger"
                    disabled={decide.isPending}
                    onClick={() => submit('reject')}
                  >
                    Reject
                  </Button>
                </>
              )}
              <Button disabled={decide.isPending} onClick={() => submit('comment')}>
                Comment
              </Button>
            </div>
          </form>

          {review.data.review.length > 0 && (
            <section aria-label="Review so far" className="text-sm">
              <h2 className="mb-2 text-base font-semibold">Review so far</h2>
              <ol className="flex flex-col gap-2">
                {review.data.review.map((e) => (
                  <li key={e.id} className="border-l-2 border-border pl-3">
                    <time className="block text-muted" dateTime={e.at}>
                      {formatInstant(e.at)}
                    </time>
                    {KIND[e.kind] ?? e.kind} {e.actorName ? `by ${e.actorName}` : 'by the team'}
                    {e.comment && <q className="mt-0.5 block italic">{e.comment}</q>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <p className="text-sm text-muted">
            This link works until {formatInstant(review.data.linkExpiresAt)}.
          </p>
        </div>
      )}
    </>
  )
}
