import type { Platform } from '@statex/core'
import type { ReactNode } from 'react'
import type { UseFormRegister } from 'react-hook-form'
import { Field, Textarea } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'
import type { ComposerAccount, ComposerValues } from './composer-values'

/** Which accounts the post goes to. */
export function AccountChoice({
  accounts,
  register,
}: {
  accounts: readonly ComposerAccount[]
  register: UseFormRegister<ComposerValues>
}) {
  return (
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
  )
}

/** X's thread switch and its editor (the form owns the thread's value). */
export interface XThreadControl {
  on: boolean
  /** The split needs the rules; the switch waits for them. */
  ready: boolean
  toggle: (on: boolean) => void
  editor: ReactNode
}

/** Per chosen platform: a text of its own (for X, a thread), and WhatsApp's recipients. */
export function PlatformTexts({
  id,
  platforms,
  overrides,
  register,
  xThread,
}: {
  id: string
  platforms: readonly Platform[]
  overrides: ComposerValues['overrides']
  register: UseFormRegister<ComposerValues>
  xThread: XThreadControl
}) {
  if (platforms.length === 0) return null
  return (
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-1 text-sm font-semibold">Per platform</legend>
      {platforms.map((platform) => {
        const thread = platform === 'twitter' && xThread.on
        return (
          <div key={platform} className="rounded-md border border-border p-3">
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {!thread && (
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-accent"
                    {...register(`overrides.${platform}.enabled`)}
                  />
                  Own text for {PLATFORM_LABELS[platform]}
                </label>
              )}
              {platform === 'twitter' && (
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-accent"
                    checked={xThread.on}
                    disabled={!xThread.ready}
                    onChange={(event) => xThread.toggle(event.target.checked)}
                  />
                  Write as a thread
                </label>
              )}
            </div>
            {thread && xThread.editor}
            {!thread && overrides[platform]?.enabled && (
              <Field
                id={`${id}-override-${platform}`}
                label={`Text for ${PLATFORM_LABELS[platform]}`}
                className="mt-2"
              >
                <Textarea
                  id={`${id}-override-${platform}`}
                  rows={4}
                  {...register(`overrides.${platform}.text`)}
                />
              </Field>
            )}
            {platform === 'whatsapp' && (
              <Field
                id={`${id}-recipients`}
                label="WhatsApp recipients"
                hint="Opted-in numbers with country code, separated by commas or new lines."
                className="mt-2"
              >
                <Textarea
                  id={`${id}-recipients`}
                  rows={2}
                  className="min-h-16"
                  placeholder="14155550101, 447700900123"
                  aria-describedby={`${id}-recipients-hint`}
                  {...register('whatsappRecipients')}
                />
              </Field>
            )}
          </div>
        )
      })}
    </fieldset>
  )
}
