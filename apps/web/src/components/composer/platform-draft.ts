import type { Platform, PostDraft } from '@statex/core'
import { numberThreadParts } from '@statex/core'
import type { ComposerValues, XThread } from './composer-values'
import { toDraft } from './draft'

// Loaded with the rules, not at first paint: the numbering comes from @statex/core.

/** The thread's texts exactly as X gets them: numbered " i/N" when asked. */
export function threadTexts(thread: XThread): string[] {
  const texts = thread.parts.map((part) => part.text)
  return thread.numbered ? numberThreadParts(texts) : texts
}

/**
 * What a platform's target overrides: its own text, or for X a thread (the first part as the
 * text, the rest as `thread`, which @statex/twitter publishes as a reply chain). The shared media
 * stay on the post, so they go with the first part. Empty when the platform takes the shared text.
 */
export function textOverrideOf(
  values: Pick<ComposerValues, 'overrides' | 'xThread'>,
  platform: Platform,
): Partial<Pick<PostDraft, 'text' | 'thread'>> {
  if (platform === 'twitter' && values.xThread.on && values.xThread.parts.length > 0) {
    const [first = '', ...rest] = threadTexts(values.xThread)
    return { text: first, ...(rest.length ? { thread: rest.map((text) => ({ text })) } : {}) }
  }
  const own = values.overrides[platform]
  return own?.enabled ? { text: own.text ?? '' } : {}
}

/** The draft one platform receives: the shared one, with that platform's own text or thread. */
export function draftFor(values: ComposerValues, platform: Platform): PostDraft {
  const base = toDraft({ text: values.text, link: values.link, media: values.media })
  return { ...base, ...textOverrideOf(values, platform) }
}
