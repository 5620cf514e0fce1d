'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useId } from 'react'
import { FormProvider, useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Textarea } from '@/components/ui/field'
import { SkeletonList } from '@/components/ui/skeleton'
import { useBrandVoice, useSaveBrandVoice } from '@/lib/queries/ai-settings'
import { useSetRule, useWorkspaceRule } from '@/lib/queries/inbox-rules'
import { AccountRules } from './account-rules'
import { KnowledgeList } from './knowledge-list'
import { RuleFields, quietHoursTogether, ruleShape, toRuleBody, toRuleValues } from './rule-fields'
import { Section } from './section'

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

// PUT /v1/inbox/rules and PUT /v1/inbox/brand-voice, checked before sending.
const schema = z
  .object({
    ...ruleShape,
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
  .check(quietHoursTogether)
type Values = z.input<typeof schema>

/** How the inbox answers: the workspace's auto-respond rule, and the voice AI drafts are written in. */
export function AiRepliesSection({ canEdit }: { canEdit: boolean }) {
  const ids = useId()
  const rule = useWorkspaceRule()
  const voice = useBrandVoice()
  const saveRule = useSetRule()
  const saveVoice = useSaveBrandVoice()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      ...toRuleValues(null),
      tone: '',
      signature: '',
      dos: '',
      donts: '',
    },
  })
  const { reset } = form
  useEffect(() => {
    if (!rule.isSuccess || !voice.data) return
    reset({
      ...toRuleValues(rule.data),
      tone: voice.data.tone,
      signature: voice.data.signature ?? '',
      dos: voice.data.dos.join('\n'),
      donts: voice.data.donts.join('\n'),
    })
  }, [rule.isSuccess, rule.data, voice.data, reset])

  const onSave = form.handleSubmit(async (values) => {
    const v = schema.parse(values)
    try {
      await saveRule.mutateAsync(toRuleBody(v, null))
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
        <FormProvider {...form}>
          <form onSubmit={(e) => void onSave(e)} noValidate className="flex flex-col gap-4">
            <fieldset disabled={!canEdit} className="grid gap-3 sm:grid-cols-2">
              <RuleFields idPrefix={ids} />
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
              <Field
                id={`${ids}-signature`}
                label="Signature"
                hint="Added to every reply; optional."
              >
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
        </FormProvider>
      )}
      <AccountRules canEdit={canEdit} />
      <KnowledgeList canEdit={canEdit} />
    </Section>
  )
}
