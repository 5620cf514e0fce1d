'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect, useId, useMemo, useState } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Label, Textarea } from '@/components/ui/field'
import { SkeletonList } from '@/components/ui/skeleton'
import { ApiCallError } from '@/lib/api'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { AiAssist } from './ai-assist'
import { useAccounts } from '@/lib/queries/accounts'
import { useCreatePost, type CreatePostInput } from '@/lib/queries/posts'
import { fromLocalInput, toLocalInput } from '@/lib/local-input'
import { userTimeZone } from '@/lib/time'
import {
  chosenPlatforms,
  composerSchema,
  parseRecipients,
  previewsOf,
  problemsOf,
  type ComposerAccount,
  type ComposerValues,
  type ScheduleChoice,
} from './composer-model'
import { firstCommentOverride } from './first-comment-model'
import { FirstCommentField } from './first-comment-field'
import { MediaRows } from './media-rows'
import { PlatformPreviewCard } from './platform-preview-card'
import { toDraft } from './preview-model'
import { ShortenLinksOption } from './shorten-links-option'

const SCHEDULE_LABELS: Record<ScheduleChoice, { option: string; submit: string }> = {
  at: { option: 'At a date and time', submit: 'Schedule' },
  'next-slot': { option: 'In the next free posting slot', submit: 'Schedule in next slot' },
  now: { option: 'Publish now', submit: 'Publish now' },
  draft: { option: 'Save as draft', submit: 'Save draft' },
}

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

function bodyOf(values: ComposerValues, accounts: readonly ComposerAccount[]): CreatePostInput {
  const platforms = chosenPlatforms(values, accounts)
  const base = toDraft({ text: values.text, link: values.link, media: values.media })
  const withComment = values.firstComment.trim()
    ? { ...base, firstComment: values.firstComment }
    : base
  const content = platforms.includes('whatsapp')
    ? {
        ...withComment,
        options: { whatsapp: { recipients: parseRecipients(values.whatsappRecipients) } },
      }
    : withComment
  const timeZone = userTimeZone()
  const at = values.schedule === 'at' ? fromLocalInput(values.at, timeZone) : null
  return {
    content: content as CreatePostInput['content'],
    targets: accounts
      .filter((a) => values.accountIds.includes(a.id))
      .map((a) => {
        const own = values.overrides[a.platform]
        const override = {
          ...(own?.enabled ? { text: own.text ?? '' } : {}),
          ...firstCommentOverride(values.firstComment, a.platform),
        }
        return Object.keys(override).length ? { accountId: a.id, override } : { accountId: a.id }
      }),
    ...(values.shortenLinks ? { shortenLinks: true } : {}),
    schedule:
      values.schedule === 'at' && at
        ? { type: 'at', at: at.toISOString() }
        : values.schedule === 'at'
          ? { type: 'draft' }
          : { type: values.schedule },
    timeZone,
  }
}

/**
 * The composer: one text with optional per-platform texts, checked live against every chosen
 * platform's rules (the same @statex/core rules the API applies), then created through the API.
 */
export function Composer() {
  const ids = useId()
  const router = useRouter()
  const accountsQuery = useAccounts()
  const accounts: ComposerAccount[] = useMemo(
    () =>
      (accountsQuery.data ?? [])
        .filter((a) => a.status === 'active')
        .map((a) => ({ id: a.id, platform: a.platform, displayName: a.displayName })),
    [accountsQuery.data],
  )
  const resolver = useMemo(() => zodResolver(composerSchema(accounts)), [accounts])
  const form = useForm<ComposerValues>({
    resolver: resolver as never,
    defaultValues: {
      text: '',
      link: '',
      media: [],
      accountIds: [],
      overrides: {},
      whatsappRecipients: '',
      firstComment: '',
      shortenLinks: false,
      schedule: 'at',
      at: '',
    },
  })
  const { register, control, handleSubmit, setValue } = form
  const values = useWatch({ control }) as ComposerValues
  const [attempted, setAttempted] = useState(false)
  const [refused, setRefused] = useState<string[]>([])
  const [invalid, setInvalid] = useState<string[]>([])
  const create = useCreatePost()
  const timeZone = useMemo(() => (typeof window === 'undefined' ? 'UTC' : userTimeZone()), [])

  // An hour from now, rounded to the minute, once the zone is known (in the browser).
  useEffect(() => {
    const inAnHour = new Date(Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000)
    setValue('at', toLocalInput(inAnHour))
  }, [setValue])

  const previews = useMemo(() => previewsOf(values, accounts), [values, accounts])
  const platforms = useMemo(() => chosenPlatforms(values, accounts), [values, accounts])
  const problems = attempted ? problemsOf(values, accounts) : []

  const submit = handleSubmit(
    async (valid) => {
      setRefused([])
      setInvalid([])
      try {
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
    (errors) => {
      setAttempted(true)
      setInvalid([...new Set(messagesOf(errors))])
    },
  )

  if (accountsQuery.isPending) return <SkeletonList rows={2} label="Loading your accounts…" />
  if (accountsQuery.isError)
    return <ErrorState error={accountsQuery.error} onRetry={() => void accountsQuery.refetch()} />
  if (accounts.length === 0)
    return (
      <EmptyState
        title="Connect an account first"
        action={
          <Button asChild variant="primary">
            <Link href="/accounts">Connect an account</Link>
          </Button>
        }
      >
        Posts go to connected accounts. Connect one on the Accounts page, then come back here.
      </EmptyState>
    )

  // The live problems first; anything else the schema refused (it should not happen) still shows.
  const blockedBy = problems.length
    ? problems.map((p) => `${p.where}: ${p.message}`)
    : attempted
      ? invalid
      : []
  const blocked = blockedBy.length > 0
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)] lg:items-start">
      <form
        noValidate
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            void submit()
          }
        }}
        className="flex flex-col gap-5 rounded-lg border border-border bg-surface p-4 sm:p-5"
        aria-label="New post"
      >
        <fieldset className="min-w-0">
          <legend className="mb-1 text-sm font-semibold">Publish to</legend>
          <div className="flex flex-wrap gap-2">
            {accounts.map((account) => (
              <label
                key={account.id}
                className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-info-bg"
              >
                <input
                  type="checkbox"
                  value={account.id}
                  data-platform={account.platform}
                  className="size-4 accent-accent"
                  {...register('accountIds')}
                />
                <span>
                  <strong>{PLATFORM_LABELS[account.platform]}</strong> · {account.displayName}
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <Field
          id={`${ids}-text`}
          label="Post text"
          hint="Every chosen platform gets this text unless you give it its own below."
        >
          <Textarea
            id={`${ids}-text`}
            rows={7}
            placeholder="What do you want to say?"
            aria-describedby={`${ids}-text-hint`}
            {...register('text')}
          />
        </Field>
        <AiAssist
          text={values.text}
          platforms={platforms}
          onUse={(platform, text) => {
            setValue(`overrides.${platform}.enabled`, true)
            setValue(`overrides.${platform}.text`, text)
          }}
        />

        {platforms.length > 0 && (
          <fieldset className="flex min-w-0 flex-col gap-3">
            <legend className="mb-1 text-sm font-semibold">Per platform</legend>
            {platforms.map((platform) => {
              const enabled = values.overrides[platform]?.enabled ?? false
              return (
                <div key={platform} className="rounded-md border border-border p-3">
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 accent-accent"
                      {...register(`overrides.${platform}.enabled`)}
                    />
                    Own text for {PLATFORM_LABELS[platform]}
                  </label>
                  {enabled && (
                    <Field
                      id={`${ids}-override-${platform}`}
                      label={`Text for ${PLATFORM_LABELS[platform]}`}
                      className="mt-2"
                    >
                      <Textarea
                        id={`${ids}-override-${platform}`}
                        rows={4}
                        {...register(`overrides.${platform}.text`)}
                      />
                    </Field>
                  )}
                  {platform === 'whatsapp' && (
                    <Field
                      id={`${ids}-recipients`}
                      label="WhatsApp recipients"
                      hint="Opted-in numbers with country code, separated by commas or new lines."
                      className="mt-2"
                    >
                      <Textarea
                        id={`${ids}-recipients`}
                        rows={2}
                        className="min-h-16"
                        placeholder="14155550101, 447700900123"
                        aria-describedby={`${ids}-recipients-hint`}
                        {...register('whatsappRecipients')}
                      />
                    </Field>
                  )}
                </div>
              )
            })}
          </fieldset>
        )}

        <Field
          id={`${ids}-link`}
          label={
            <>
              Link <span className="font-normal text-muted">(optional)</span>
            </>
          }
        >
          <Input
            id={`${ids}-link`}
            type="url"
            inputMode="url"
            placeholder="https://example.com/article"
            {...register('link')}
          />
        </Field>

        <FirstCommentField
          id={`${ids}-first-comment`}
          platforms={platforms}
          registration={register('firstComment')}
        />
        <ShortenLinksOption id={`${ids}-shorten`} registration={register('shortenLinks')} />

        <Controller
          control={control}
          name="media"
          render={({ field }) => (
            <MediaRows rows={field.value} onChange={field.onChange} platforms={platforms} />
          )}
        />

        <fieldset className="min-w-0">
          <legend className="mb-1 text-sm font-semibold">When</legend>
          <div className="flex flex-col gap-1.5">
            {(Object.keys(SCHEDULE_LABELS) as ScheduleChoice[]).map((choice) => (
              <label key={choice} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  value={choice}
                  className="size-4 accent-accent"
                  {...register('schedule')}
                />
                {SCHEDULE_LABELS[choice].option}
              </label>
            ))}
          </div>
          {values.schedule === 'at' && (
            <div className="mt-2 max-w-xs">
              <Label htmlFor={`${ids}-at`}>Date and time ({timeZone})</Label>
              <Input id={`${ids}-at`} type="datetime-local" step={1} {...register('at')} />
            </div>
          )}
        </fieldset>

        {(blocked || refused.length > 0) && (
          <div
            role="alert"
            className="rounded-md border border-danger bg-danger-bg px-3 py-2 text-danger"
          >
            <p className="font-semibold">
              {blocked
                ? `Not sent: fix ${blockedBy.length === 1 ? 'this problem' : `these ${blockedBy.length} problems`} first.`
                : 'The API refused the post:'}
            </p>
            <ul className="ml-5 list-disc text-sm">
              {(blocked ? blockedBy : refused).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? 'Sending…' : SCHEDULE_LABELS[values.schedule].submit}
          </Button>
          <span className="text-sm text-muted">
            <kbd className="rounded border border-border px-1 font-mono text-xs">Ctrl</kbd> +{' '}
            <kbd className="rounded border border-border px-1 font-mono text-xs">Enter</kbd> also
            sends
          </span>
        </div>
      </form>

      <section aria-labelledby={`${ids}-previews`} className="flex min-w-0 flex-col gap-3">
        <h2 id={`${ids}-previews`} className="text-lg font-semibold">
          Previews
        </h2>
        {previews.length === 0 ? (
          <p className="text-muted">
            Choose an account to see how the post looks and counts there.
          </p>
        ) : (
          <>
            <p className="font-semibold" role="status">
              {previews.every((p) => p.issues.length === 0)
                ? `Fits ${previews.map((p) => p.label).join(', ')}.`
                : `${previews.reduce((n, p) => n + p.issues.length, 0)} to fix before sending.`}
            </p>
            {previews.map((preview) => (
              <PlatformPreviewCard
                key={preview.platform}
                preview={preview}
                accountName={
                  accounts.find(
                    (a) => a.platform === preview.platform && values.accountIds.includes(a.id),
                  )?.displayName
                }
              />
            ))}
          </>
        )}
      </section>
    </div>
  )
}
