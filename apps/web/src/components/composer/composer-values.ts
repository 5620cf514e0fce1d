import type { Platform } from '@statex/core'
import { PLATFORM_LIST } from '@/lib/platforms'
import type { MediaRow } from './draft'

// The form's shape and the light helpers the first paint needs; the rules are in composer-model.

// `keep` is an edit's only: the post keeps the time (or the draft state) it has.
export const SCHEDULE_CHOICES = ['keep', 'at', 'next-slot', 'now', 'draft'] as const
export type ScheduleChoice = (typeof SCHEDULE_CHOICES)[number]

/** The composer's form, as react-hook-form holds it. */
export interface ComposerValues {
  text: string
  link: string
  media: MediaRow[]
  accountIds: string[]
  /** Per platform: a text of its own instead of the shared one. */
  overrides: Partial<Record<Platform, { enabled: boolean; text?: string }>>
  /** X's text written as a thread: when `on`, X gets these parts instead of any text. */
  xThread: XThread
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

/** One post of an X thread as the person edits it; `id` keeps its place when parts move. */
export interface XThreadPart {
  id: number
  text: string
}

export interface XThread {
  on: boolean
  /** End each part with " i/N" (counted toward its 280). */
  numbered: boolean
  parts: XThreadPart[]
}

export const NO_THREAD: XThread = { on: false, numbered: false, parts: [] }

/** The text X gets when it is no thread: its own text where it has one, else the shared one. */
export function xTextOf(values: Pick<ComposerValues, 'text' | 'overrides'>): string {
  const own = values.overrides.twitter
  return own?.enabled ? (own.text ?? '') : values.text
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
