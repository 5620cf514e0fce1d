'use client'

import { useId, useMemo, useState } from 'react'
import type { Platform } from '@statex/core'
import { PLATFORMS } from '@statex/core'
import { MediaRows } from './media-rows'
import { PlatformPreviewCard } from './platform-preview-card'
import type { MediaRow } from './preview-model'
import { PLATFORM_LABELS, previewFor, toDraft } from './preview-model'

/**
 * The composer: one text, an optional link and media, checked against every chosen platform's
 * rules as the person types. Nothing leaves the browser; publishing arrives with the publishing engine.
 */
export function Composer() {
  const [text, setText] = useState('')
  const [link, setLink] = useState('')
  const [media, setMedia] = useState<MediaRow[]>([])
  const [platforms, setPlatforms] = useState<ReadonlySet<Platform>>(new Set())
  const ids = useId()

  const draft = useMemo(() => toDraft({ text, link, media }), [text, link, media])
  const previews = useMemo(
    () => PLATFORMS.filter((p) => platforms.has(p)).map((p) => previewFor(p, draft)),
    [platforms, draft],
  )
  const issueCount = previews.reduce((sum, p) => sum + p.issues.length, 0)

  const togglePlatform = (platform: Platform, checked: boolean) => {
    setPlatforms((current) => {
      const next = new Set(current)
      if (checked) next.add(platform)
      else next.delete(platform)
      return next
    })
  }

  return (
    <div className="composer">
      <form
        className="composer-form"
        onSubmit={(event) => event.preventDefault()}
        aria-describedby={`${ids}-publish-note`}
      >
        <div className="field">
          <label htmlFor={`${ids}-text`}>Post text</label>
          <textarea
            id={`${ids}-text`}
            name="text"
            rows={8}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="What do you want to say?"
          />
        </div>

        <div className="field">
          <label htmlFor={`${ids}-link`}>
            Link <span className="optional">(optional)</span>
          </label>
          <input
            id={`${ids}-link`}
            name="link"
            type="url"
            inputMode="url"
            value={link}
            onChange={(event) => setLink(event.target.value)}
            placeholder="https://example.com/article"
          />
        </div>

        <MediaRows rows={media} onChange={setMedia} />

        <fieldset className="platforms">
          <legend>Publish to</legend>
          {PLATFORMS.map((platform) => (
            <label key={platform} className="checkbox">
              <input
                type="checkbox"
                name="platforms"
                value={platform}
                checked={platforms.has(platform)}
                onChange={(event) => togglePlatform(platform, event.target.checked)}
              />
              {PLATFORM_LABELS[platform]}
            </label>
          ))}
        </fieldset>

        <div className="actions">
          <button type="submit" className="button primary" disabled>
            Publish
          </button>
          <p id={`${ids}-publish-note`} className="note">
            Publishing arrives with the publishing engine. For now the composer checks your post
            against each platform&apos;s rules.
          </p>
        </div>
      </form>

      <section className="previews" aria-labelledby={`${ids}-previews`}>
        <h2 id={`${ids}-previews`}>Previews</h2>
        {previews.length === 0 ? (
          <p className="note">Choose at least one platform to see how your post counts there.</p>
        ) : (
          <>
            <p className="summary" role="status">
              {issueCount === 0
                ? `Ready for ${previews.map((p) => p.label).join(', ')}.`
                : `${issueCount} ${issueCount === 1 ? 'problem' : 'problems'} to fix before publishing.`}
            </p>
            {previews.map((preview) => (
              <PlatformPreviewCard key={preview.platform} preview={preview} />
            ))}
          </>
        )}
      </section>
    </div>
  )
}
