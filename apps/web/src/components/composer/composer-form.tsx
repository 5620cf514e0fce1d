'use client'

import dynamic from 'next/dynamic'
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Field, Input, Textarea } from '@/components/ui/field'
import { Skeleton, SkeletonList } from '@/components/ui/skeleton'
import { userTimeZone } from '@/lib/time'
import { useSubmitPost, type SendPost } from './composer-submit'
import { AccountChoice, PlatformTexts } from './composer-targets'
import {
  NO_THREAD,
  chosenPlatforms,
  xTextOf,
  type ComposerAccount,
  type ComposerValues,
} from './composer-values'
import { FirstCommentField } from './first-comment-field'
import { ProblemsAlert, type Blocker } from './problems-alert'
import { SCHEDULE_LABELS, ScheduleControls, type ScheduleLabels } from './schedule-controls'
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

export const NEW_POST_VALUES: ComposerValues = {
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

/** What differs between writing a new post and editing one; the form is the same. */
export interface ComposerMode {
  /** The form's accessible name. */
  label: string
  values: ComposerValues
  send: SendPost
  pending: boolean
  schedule?: ScheduleLabels
  /** In place of the account choice: an edited post's accounts, which are fixed. */
  targets?: ReactNode
  /** Links are shortened when a post is created; an edit keeps its links as they are. */
  shortenLinks?: boolean
}

/**
 * The composer's form: one text with optional per-platform texts, checked live against every
 * chosen platform's rules (the same @statex/core rules the API applies), then sent through the
 * API by `mode.send` (new-post-form.tsx, edit-post-form.tsx). Rendered once the accounts are known.
 */
export function ComposerForm({
  accounts,
  mode,
}: {
  accounts: readonly ComposerAccount[]
  mode: ComposerMode
}) {
  const ids = useId()
  const rules = useComposerRules()
  // Submitting waits for the rules if they are still loading, so nothing is sent unchecked.
  const resolver = useCallback<Resolver<ComposerValues>>(
    async (values, context, options) =>
      (await loadComposerRules()).composerResolver(accounts)(values, context, options) as never,
    [accounts],
  )
  const form = useForm<ComposerValues>({ resolver, defaultValues: mode.values })
  const { register, control, handleSubmit, setValue, getValues } = form
  const values = useWatch({ control }) as ComposerValues
  const { submit, attempted, refused, invalid } = useSubmitPost(handleSubmit, mode.send)
  const { pending } = mode
  const labels = mode.schedule ?? SCHEDULE_LABELS
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
        aria-label={mode.label}
      >
        {mode.targets ?? <AccountChoice accounts={accounts} register={register} />}
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
        {mode.shortenLinks !== false && (
          <ShortenLinksOption id={`${ids}-shorten`} registration={register('shortenLinks')} />
        )}
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
          labels={labels}
        />
        <ProblemsAlert
          blockedBy={blockedBy}
          refused={refused}
          onMakeThread={() => setThread(true, true)}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Sending…' : (labels[values.schedule]?.submit ?? 'Save')}
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
