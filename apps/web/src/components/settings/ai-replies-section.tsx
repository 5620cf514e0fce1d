'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same checks as the API's, at a fraction of the browser bundle.
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Select, Textarea } from '@/components/ui/field'
import { SkeletonList } from '@/components/ui/skeleton'
import { useBrandVoice, useSaveBrandVoice } from '@/lib/queries/ai-settings'
import { useSetWorkspaceRule, useWorkspaceRule, type InteractionType } from '@/lib/queries/inbox'
import { KnowledgeList } from './knowledge-list'
import { Section } from './section'

const REPLYABLE: { type: InteractionType; label: string }[] = [
  { type: 'COMMENT', label: 'Comments' },
  { type: 'MENTION', label: 'Mentions' },
  { type: 'MESSAGE', label: 'Messages' },
]
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

// PUT /v1/inbox/rules and PUT /v1/inbox/brand-voice, checked before sending.
const schema = z
  .object({
    mode: z.enum(['off', 'suggest', 'auto']),
    types: z.array(z.enum(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION'])),
    keywords: z.string(),
    quietStart: z.string().check(z.refine((v) => !v || HHMM.test(v), 'Use a time like 22:00.')),
    quietEnd: z.string().check(z.refine((v) => !v || HHMM.test(v), 'Use a time like 07:00.')),
    hourlyCap: z.coerce
      .number()
      .check(z.int('Use a whole number.'), z.gte(0, 'At least 0.'), z.lte(1000, 'At most 1,000.')),
    tone: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'Describe the tone, e.g. "friendly and brief".'),
        z.maxLength(200),
      ),
    signature: z.string().check(z.maxLength(200)),
    dos: z.string(),
    donts: z.string(),
  })
  .check(
    z.refine((v) => !v.quietStart === !v.quietEnd, {
      message: 'Give both ends of the quiet hours, or neither.',
      path: ['quietEnd'],
    }),
  )
type Values = z.input<typeof schema>

/** How the inbox answers: the workspace's auto-respond rule, and the voice AI drafts are written in. */
export function AiRepliesSection({ canEdit }: { canEdit: boolean }) {
  const ids = useId()
  const rule = useWorkspaceRule()
  const voice = useBrandVoice()
  const saveRule = useSetWorkspaceRule()
  const saveVoice = useSaveBrandVoice()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      mode: 'off',
      types: ['COMMENT', 'MENTION', 'MESSAGE'],
      keywords: '',
      quietStart: '',
      quietEnd: '',
      hourlyCap: 20,
      tone: '',
      signature: '',
      dos: '',
      donts: '',
    },
  })
  const { reset } = form
  useEffect(() => {
    if (!rule.isSuccess || !voice.data) return
    const r = rule.data
    reset({
      mode: r?.mode ?? 'off',
      types: (r?.types.length ? r.types : ['COMMENT', 'MENTION', 'MESSAGE']) as Values['types'],
      keywords: (r?.keywords ?? []).join(', '),
      quietStart: r?.quietStart ?? '',
      quietEnd: r?.quietEnd ?? '',
      hourlyCap: r?.hourlyCap ?? 20,
      tone: voice.data.tone,
      signature: voice.data.signature ?? '',
      dos: voice.data.dos.join('\n'),
      donts: voice.data.donts.join('\n'),
    })
  }, [rule.isSuccess, rule.data, voice.data, reset])

  const onSave = form.handleSubmit(async (values) => {
    const v = schema.parse(values)
    try {
      await saveRule.mutateAsync({
        accountId: null,
        mode: v.mode,
        types: v.types,
        keywords: v.keywords
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
        quietStart: v.quietStart || null,
        quietEnd: v.quietEnd || null,
        hourlyCap: v.hourlyCap,
      })
      await saveVoice.mutateAsync({
        tone: v.tone,
        signature: v.signature.trim() || null,
        dos: lines(v.dos),
        donts: lines(v.donts),
      })
      toast.success('AI reply settings saved.')
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })
  const errors = form.formState.errors
  const loading = rule.isPending || voice.isPending
  const failed = rule.isError ? rule : voice.isError ? voice : null

  return (
    <Section
      id={`${ids}-ai`}
      title="AI replies"
      lead="Drafts come from the first AI tier that answers (a local Ollama first, then OpenAI, then Azure OpenAI). Complaints and negative messages always wait for a person."
    >
      {loading ? (
        <SkeletonList rows={2} label="Loading AI reply settings…" />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <form onSubmit={(e) => void onSave(e)} noValidate className="flex flex-col gap-4">
          <fieldset disabled={!canEdit} className="grid gap-3 sm:grid-cols-2">
            <Field id={`${ids}-mode`} label="New interactions">
              <Select id={`${ids}-mode`} {...form.register('mode')}>
                <option value="off">Wait for a person (no AI)</option>
                <option value="suggest">Draft a reply for a person to approve</option>
                <option value="auto">Reply at once</option>
              </Select>
            </Field>
            <Field
              id={`${ids}-cap`}
              label="Automatic replies per account per hour"
              error={errors.hourlyCap?.message}
            >
              <Input id={`${ids}-cap`} type="number" min={0} {...form.register('hourlyCap')} />
            </Field>
            <div className="flex flex-col gap-1">
              <span className="text-sm font-semibold" id={`${ids}-types`}>
                Reply to
              </span>
              <div role="group" aria-labelledby={`${ids}-types`} className="flex flex-wrap gap-3">
                {REPLYABLE.map(({ type, label }) => (
                  <label key={type} className="flex items-center gap-1.5 text-sm">
                    <input type="checkbox" value={type} {...form.register('types')} />
                    {label}
                  </label>
                ))}
              </div>
            </div>
            <Field
              id={`${ids}-keywords`}
              label="Only when the text has one of these words"
              hint="Comma-separated; empty answers everything."
            >
              <Input id={`${ids}-keywords`} {...form.register('keywords')} />
            </Field>
            <Field
              id={`${ids}-quiet-start`}
              label="Quiet hours from"
              hint="In the workspace's time zone; replies wait as drafts."
              error={errors.quietStart?.message}
            >
              <Input id={`${ids}-quiet-start`} type="time" {...form.register('quietStart')} />
            </Field>
            <Field
              id={`${ids}-quiet-end`}
              label="Quiet hours until"
              error={errors.quietEnd?.message}
            >
              <Input id={`${ids}-quiet-end`} type="time" {...form.register('quietEnd')} />
            </Field>
          </fieldset>
          <fieldset disabled={!canEdit} className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-2 text-base font-semibold">Brand voice</legend>
            <Field id={`${ids}-tone`} label="Tone" error={errors.tone?.message}>
              <Input
                id={`${ids}-tone`}
                aria-invalid={errors.tone ? true : undefined}
                {...form.register('tone')}
              />
            </Field>
            <Field id={`${ids}-signature`} label="Signature" hint="Added to every reply; optional.">
              <Input id={`${ids}-signature`} {...form.register('signature')} />
            </Field>
            <Field id={`${ids}-dos`} label="Do" hint="One per line.">
              <Textarea id={`${ids}-dos`} className="min-h-24" {...form.register('dos')} />
            </Field>
            <Field id={`${ids}-donts`} label="Don't" hint="One per line.">
              <Textarea id={`${ids}-donts`} className="min-h-24" {...form.register('donts')} />
            </Field>
          </fieldset>
          {errors.root && (
            <p role="alert" className="text-sm text-danger">
              {errors.root.message}
            </p>
          )}
          {canEdit && (
            <div>
              <Button
                size="sm"
                type="submit"
                variant="primary"
                disabled={form.formState.isSubmitting}
              >
                Save AI reply settings
              </Button>
            </div>
          )}
        </form>
      )}
      <KnowledgeList canEdit={canEdit} />
    </Section>
  )
}
