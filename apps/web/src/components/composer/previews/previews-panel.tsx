'use client'

import type { Platform } from '@statex/core'
import { useMemo } from 'react'
import type { ComposerAccount, ComposerValues } from '../composer-values'
import { previewsOf, type PlatformPreview } from '../preview-model'
import { FeedPreview } from './feed-preview'
import { InstagramPreview } from './instagram-preview'
import { PreviewFrame } from './preview-frame'
import type { PreviewAccount } from './preview-parts'
import { TelegramPreview } from './telegram-preview'
import { WhatsAppPreview } from './whatsapp-preview'
import { XPreview } from './x-preview'

/** The clock time a chat shows on the message: the scheduled one, else now. */
function timeLabel(values: ComposerValues): string {
  const at = values.schedule === 'at' && values.at ? new Date(values.at) : new Date()
  const shown = Number.isNaN(at.getTime()) ? new Date() : at
  return shown.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}

function Look({
  preview,
  account,
  time,
}: {
  preview: PlatformPreview
  account: PreviewAccount
  time: string
}) {
  const view = preview.view
  switch (view.platform) {
    case 'twitter':
      return <XPreview preview={preview} view={view} account={account} />
    case 'linkedin':
    case 'facebook':
      return <FeedPreview preview={preview} view={view} account={account} />
    case 'instagram':
      return <InstagramPreview preview={preview} view={view} account={account} />
    case 'telegram':
      return <TelegramPreview preview={preview} view={view} account={account} time={time} />
    case 'whatsapp':
      return <WhatsAppPreview preview={preview} view={view} account={account} time={time} />
  }
}

/**
 * Every chosen platform's look-alike of the post, from the form's values with the same core rules
 * the API applies. Loaded after the form (it carries the rules and twitter-text).
 */
export default function PreviewsPanel({
  values,
  accounts,
  headingId,
}: {
  values: ComposerValues
  accounts: readonly ComposerAccount[]
  headingId: string
}) {
  const previews = useMemo(() => previewsOf(values, accounts), [values, accounts])
  const accountOf = (platform: Platform): PreviewAccount =>
    accounts.find((a) => a.platform === platform && values.accountIds.includes(a.id)) ?? {
      displayName: platform,
    }
  const time = timeLabel(values)
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        Previews
      </h2>
      {previews.length === 0 ? (
        <p className="text-muted">Choose an account to see how the post looks and counts there.</p>
      ) : (
        <>
          <p className="font-semibold" role="status">
            {previews.every((p) => p.issues.length === 0)
              ? `Fits ${previews.map((p) => p.label).join(', ')}.`
              : `${previews.reduce((n, p) => n + p.issues.length, 0)} to fix before sending.`}
          </p>
          {previews.map((preview) => (
            <PreviewFrame key={preview.platform} preview={preview}>
              <Look preview={preview} account={accountOf(preview.platform)} time={time} />
            </PreviewFrame>
          ))}
        </>
      )}
    </section>
  )
}
