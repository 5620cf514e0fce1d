'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId, useState } from 'react'
import { FormProvider, useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { type AutoRespondRule, useSetRule } from '@/lib/queries/inbox-rules'
import { RuleFields, type RuleValues, ruleSchema, toRuleBody, toRuleValues } from './rule-fields'

/**
 * One account's own auto-respond rule, in a dialog that owns its trigger. It opens on the
 * account's rule, or on the workspace's when the account has none yet, so an override starts
 * from what applies today.
 */
export function AccountRuleDialog({
  account,
  rule,
  trigger,
}: {
  account: { id: string; displayName: string }
  /** The account's own rule, else the workspace's, else null (the API's defaults). */
  rule: Omit<AutoRespondRule, 'accountId'> | null
  trigger: string
}) {
  const ids = useId()
  const save = useSetRule()
  const [open, setOpen] = useState(false)
  const form = useForm<RuleValues>({
    resolver: zodResolver(ruleSchema),
    defaultValues: toRuleValues(rule),
  })
  const onSave = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(toRuleBody(values, account.id))
      toast.success(`${account.displayName} now follows its own rule.`)
      setOpen(false)
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })
  // Each opening starts from the rule as stored now, not from an edit cancelled before.
  const openChange = (next: boolean) => {
    if (next) form.reset(toRuleValues(rule))
    setOpen(next)
  }
  return (
    <Dialog
      open={open}
      onOpenChange={openChange}
      title={`Rule for ${account.displayName}`}
      description="Replaces the workspace rule for this account only."
      trigger={<Button size="sm">{trigger}</Button>}
    >
      <FormProvider {...form}>
        <form onSubmit={(e) => void onSave(e)} noValidate className="flex flex-col gap-4">
          {/* One column: the dialog is narrower than the settings card, and the mode names are long. */}
          <div className="grid gap-3">
            <RuleFields idPrefix={ids} />
          </div>
          {form.formState.errors.root && (
            <p role="alert" className="text-sm text-danger">
              {form.formState.errors.root.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="quiet" type="button" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              size="sm"
              variant="primary"
              type="submit"
              disabled={form.formState.isSubmitting}
            >
              Save rule
            </Button>
          </div>
        </form>
      </FormProvider>
    </Dialog>
  )
}
