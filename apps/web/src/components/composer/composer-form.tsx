'use client'

import dynamic from 'next/dynamic'
import { useCallback, useEffect, useId, useMemo, useState } from 'react'
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Field, Input, Textarea } from '@/components/ui/field'
import { Skeleton, SkeletonList } from '@/components/ui/skeleton'
import { userTimeZone } from '@/lib/time'
import { useSubmitPost } from './composer-submit'
import { AccountChoice, PlatformTexts } from './composer-targets'
import {
  NO_THREAD,
  chosenPlatforms,
  xTextOf,
  type ComposerAccount,
  type ComposerValues,
} from './composer-values'
import { FirstCommentField } from './first-comment-field'
import { SCHEDULE_LABELS, ScheduleControls } from './schedule-controls'
import { ShortenLinksOption } from './shorten-links-option'
import { loadComposerRules, useComposerRules } from './use-composer-rules'

// Not needed for the first paint: each loads after the form, with a placeholder of its size.
const PreviewsPanel = dynamic(() => import('./previews/previews-panel'), {
  loading: () => <SkeletonList rows={1} label="Loading the previews…" />,
})
const AiAssist = dynamic(() => import('./ai-assist').then((m) => m.AiAssist), {
  loading: () => <Skeleton className="h-14" />,
})
const MediaRows = dynamic(() => import('./media-rows').then((m) => m.MediaRows), {
  loading: () => <Skeleton className="h-24" />,
})
const ThreadEditor = dynamic(() => import('./thread-editor').then((m) => m.ThreadEditor), {
  loading: () => <Skeleton className="h-40" />,
})

const DEFAULT_VALUES: ComposerValues = {
  text: '',
  link: '',
  media: [],
  accountIds: [],
  overrides: {},
  xThread: NO_THREAD,
  whatsappRecipients: '',
  firstComment: '',
  shortenLinks: false,
  schedule: 'at',
  at: '',
}

/**
 * The composer's form: one text with optional per-platform texts, checked live against every
 * chosen platform's rules (the same @statex/core rules the API applies), then created through the
 * API. Rendered once the accounts are known (see composer.tsx).
 */
export default function ComposerForm({ accounts }: { accounts: readonly ComposerAccount[] }) {
  const ids = useId()
  const rules = useComposerRules()
  // Submitting waits for the rules if they are still loading, so nothing is sent unchecked.
  const resolver = useCallback<Resolver<ComposerValues>>(
    async (values, context, options) =>
      (await loadComposerRules()).composerResolver(accounts)(values, context, options) as never,
    [accounts],
  )
  const form = useForm<ComposerValues>({ resolver, defaultValues: DEFAULT_VALUES })
  const { register, control, handleSubmit, setValue, getValues } = form
  const values = useWatch({ control }) as ComposerValues
  const { submit, attempted, refused, invalid, pending } = useSubmitPost(handleSubmit, accounts)
  const timeZone = useMemo(() => (typeof window === 'undefined' ? 'UTC' : userTimeZone()), [])

  // Once the zone is known (in the browser) and the rules are in; never over a time already typed.
  useEffect(() => {
    if (rules && !getValues('at')) setValue('at', rules.defaultAt())
  }, [rules, getValues, setValue])

  const platforms = useMemo(() => chosenPlatforms(values, accounts), [values, accounts])
  const problems = attempted && rules ? rules.problemsOf(values, accounts) : []

  // The live problems first; anything else the schema refused (it should not happen) still shows.
  const blockedBy: Blocker[] = problems.length
    ? problems.map((p) => ({
        // "X post 2 of 3: …" names its platform already.
        line: p.message.startsWith(`${p.where} `) ? p.message : `${p.where}: ${p.message}`,
        fix: p.fix,
      }))
    : attempted
      ? invalid.map((line) => ({ line }))
      : []

  // X's text as a thread, split for the person; off again, the parts become X's own text.
  const [focusThread, setFocusThread] = useState(false)
  const focusedThread = useCallback(() => setFocusThread(false), [])
  const setThread = (on: boolean, focus = false) => {
    if (!rules) return
    const current = getValues()
    if (on) {
      setValue(
        'xThread',
        rules.threadFrom(xTextOf(current), current.xThread.numbered, current.link),
      )
      setFocusThread(focus)
      return
    }
    const text = rules.joinParts(current.xThread.parts)
    setValue('xThread', { ...NO_THREAD, numbered: current.xThread.numbered })
    if (text !== current.text) setValue('overrides.twitter', { enabled: true, text })
  }
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
        <AccountChoice accounts={accounts} register={register} />
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
        <PlatformTexts
          id={ids}
          platforms={platforms}
          overrides={values.overrides}
          register={register}
          xThread={{
            on: values.xThread.on,
            ready: !!rules,
            toggle: setThread,
            editor: (
              <Controller
                control={control}
                name="xThread"
                render={({ field }) => (
                  <ThreadEditor
                    id={`${ids}-thread`}
                    thread={field.value}
                    link={values.link}
                    onChange={field.onChange}
                    focusFirst={focusThread}
                    onFocused={focusedThread}
                  />
                )}
              />
            ),
          }}
        />
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
        <ScheduleControls
          id={ids}
          schedule={values.schedule}
          timeZone={timeZone}
          register={register}
        />
        <ProblemsAlert
          blockedBy={blockedBy}
          refused={refused}
          onMakeThread={() => setThread(true, true)}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Sending…' : SCHEDULE_LABELS[values.schedule].submit}
          </Button>
          <span className="text-sm text-muted">
            <kbd className="rounded border border-border px-1 font-mono text-xs">Ctrl</kbd> +{' '}
            <kbd className="rounded border border-border px-1 font-mono text-xs">Enter</kbd> also
            sends
          </span>
        </div>
      </form>
      <PreviewsPanel values={values} accounts={accounts} headingId={`${ids}-previews`} />
    </div>
  )
}

/** One reason the post is not sent, with the fix the form can make at once. */
interface Blocker {
  line: string
  fix?: 'make-thread' | undefined
}

/** Why the post was not sent: the form's own problems, else what the API refused. */
function ProblemsAlert({
  blockedBy,
  refused,
  onMakeThread,
}: {
  blockedBy: Blocker[]
  refused: string[]
  onMakeThread: () => void
}) {
  const blocked = blockedBy.length > 0
  if (!blocked && refused.length === 0) return null
  return (
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
        {(blocked ? blockedBy : refused.map((line): Blocker => ({ line }))).map(({ line, fix }) => (
          <li key={line}>
            {line}
            {fix === 'make-thread' && (
              <Button
                size="sm"
                variant="danger"
                className="ml-2 align-baseline"
                onClick={onMakeThread}
              >
                Make it a thread
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
