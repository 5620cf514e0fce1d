import type { Platform, PostDraft } from '@statex/core'
import { PLATFORM_LIST } from '@/lib/platforms'
import { toDraft, type MediaRow } from './draft'

// The form's shape and the light helpers the first paint needs; the rules are in composer-model.

export const SCHEDULE_CHOICES = ['at', 'next-slot', 'now', 'draft'] as const
export type ScheduleChoice = (typeof SCHEDULE_CHOICES)[number]

/** The composer's form, as react-hook-form holds it. */
export interface ComposerValues {
  text: string
  link: string
  media: MediaRow[]
  accountIds: string[]
  /** Per platform: a text of its own instead of the shared one. */
  overrides: Partial<Record<Platform, { enabled: boolean; text?: string }>>
  /** WhatsApp broadcasts go to opted-in numbers, one per line or comma-separated. */
  whatsappRecipients: string
  /** Posted under the post once it is out, where the platform has comments; blank for none. */
  firstComment: string
  /** Swap the text's URLs for our counted short links. */
  shortenLinks: boolean
  schedule: ScheduleChoice
  /** `datetime-local` value in the person's zone. */
  at: string
}

export interface ComposerAccount {
  id: string
  platform: Platform
  displayName: string
  handle?: string | null
  avatarUrl?: string | null
}

export function parseRecipients(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((r) => r.replace(/^\+/, '').trim())
    .filter(Boolean)
}

/** The platforms of the chosen accounts, in the order PLATFORMS lists them. */
export function chosenPlatforms(
  values: Pick<ComposerValues, 'accountIds'>,
  accounts: readonly ComposerAccount[],
): Platform[] {
  const chosen = new Set(
    accounts.filter((a) => values.accountIds.includes(a.id)).map((a) => a.platform),
  )
  return PLATFORM_LIST.filter((p) => chosen.has(p))
}

/** The draft one platform receives: the shared one, with that platform's own text when it has one. */
export function draftFor(values: ComposerValues, platform: Platform): PostDraft {
  const base = toDraft({ text: values.text, link: values.link, media: values.media })
  const override = values.overrides[platform]
  return override?.enabled ? { ...base, text: override.text ?? '' } : base
}
