import type { ContentRules } from './content-rules.js'
import { composeText } from './content-rules.js'
import { PLATFORM_NAMES } from './platform.js'
import type { MediaItem, PostDraft } from './post.js'
import { countText, describeCounting } from './text-length.js'

/** One problem with a post: `path` points at the field (`text`, `media[1].type`, `thread[0].text`, `poll.options[2]`). */
export interface ValidationIssue {
  path: string
  code: ValidationCode
  message: string
}

export type ValidationCode =
  | 'EMPTY_POST'
  | 'TEXT_TOO_LONG'
  | 'MEDIA_REQUIRED'
  | 'TOO_MANY_MEDIA'
  | 'MEDIA_TYPE_UNSUPPORTED'
  | 'MEDIA_FORMAT_UNSUPPORTED'
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_MUST_BE_ALONE'
  | 'MEDIA_MIXED_TYPES'
  | 'MEDIA_URL_INVALID'
  | 'ALT_TEXT_TOO_LONG'
  | 'LINK_INVALID'
  | 'LINK_UNSUPPORTED'
  | 'TOO_MANY_HASHTAGS'
  | 'TOO_MANY_MENTIONS'
  | 'THREAD_UNSUPPORTED'
  | 'THREAD_TOO_LONG'
  | 'POLL_UNSUPPORTED'
  | 'POLL_OPTIONS_COUNT'
  | 'POLL_OPTION_INVALID'
  | 'POLL_QUESTION_INVALID'
  | 'POLL_DURATION'
  | 'POLL_WITH_MEDIA'
  | 'OPTION_INVALID'

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Every problem a post has on one platform, all at once. Pure: nothing is sent anywhere.
 * Adapters call it from `validate` and add the checks only they know (recipients, options).
 */
export function validatePost(post: PostDraft, rules: ContentRules): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const name = PLATFORM_NAMES[rules.platform]
  const media = post.media ?? []
  const text = composeText(post.text ?? '', post.link, rules)

  // In a thread every message says which post it is about: "X post 3 of 4: …".
  const parts = (post.thread?.length ?? 0) + 1
  const partIssues = (index: number): IssueSink =>
    parts > 1 && rules.thread ? namedPart(issues, `${name} post ${index + 1} of ${parts}`) : issues

  if (!text.trim() && media.length === 0 && !post.poll && rules.media.min === 0) {
    partIssues(0).push({
      path: 'text',
      code: 'EMPTY_POST',
      message: 'The post is empty: write some text or attach media.',
    })
  }
  if (media.length < rules.media.min) {
    issues.push({
      path: 'media',
      code: 'MEDIA_REQUIRED',
      message: `${name} needs at least ${plural(rules.media.min, 'image or video')} in a post.`,
    })
  }

  checkText(partIssues(0), 'text', text, media.length > 0, rules)

  if (post.link !== undefined) {
    if (!isHttpUrl(post.link)) {
      issues.push({
        path: 'link',
        code: 'LINK_INVALID',
        message: 'The link must be a full http(s) URL, e.g. https://example.com/page.',
      })
    } else if (rules.link === 'unsupported') {
      issues.push({
        path: 'link',
        code: 'LINK_UNSUPPORTED',
        message: `${name} does not make links in posts clickable; remove the link or write it into the text.`,
      })
    }
  }

  checkMedia(partIssues(0), 'media', media, rules)

  if (post.thread?.length) {
    if (!rules.thread) {
      issues.push({
        path: 'thread',
        code: 'THREAD_UNSUPPORTED',
        message: `${name} has no threads; publish the parts as separate posts.`,
      })
    } else {
      if (post.thread.length + 1 > rules.thread.maxParts) {
        issues.push({
          path: 'thread',
          code: 'THREAD_TOO_LONG',
          message: `A thread on ${name} can have at most ${rules.thread.maxParts} parts; this one has ${post.thread.length + 1}.`,
        })
      }
      post.thread.forEach((part, i) => {
        const partMedia = part.media ?? []
        const found = partIssues(i + 1)
        if (!part.text.trim() && partMedia.length === 0) {
          found.push({
            path: `thread[${i}].text`,
            code: 'EMPTY_POST',
            message: 'It is empty: write some text or attach media, or remove it.',
          })
        }
        checkText(found, `thread[${i}].text`, part.text, partMedia.length > 0, rules)
        checkMedia(found, `thread[${i}].media`, partMedia, rules)
      })
    }
  }

  if (post.poll) checkPoll(issues, post, rules, name)

  const hashtags = text.match(/(^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0
  if (rules.hashtagsMax !== undefined && hashtags > rules.hashtagsMax) {
    issues.push({
      path: 'text',
      code: 'TOO_MANY_HASHTAGS',
      message: `${name} allows at most ${rules.hashtagsMax} hashtags; this post has ${hashtags}. Remove ${hashtags - rules.hashtagsMax}.`,
    })
  }
  const mentions = text.match(/(^|\s)@[\p{L}\p{N}_.]+/gu)?.length ?? 0
  if (rules.mentionsMax !== undefined && mentions > rules.mentionsMax) {
    issues.push({
      path: 'text',
      code: 'TOO_MANY_MENTIONS',
      message: `${name} allows at most ${rules.mentionsMax} @-mentions; this post has ${mentions}.`,
    })
  }
  return issues
}

/** Where a check puts what it finds: the list itself, or a view of it that names the part. */
type IssueSink = Pick<ValidationIssue[], 'push'>

/** A view of `issues` whose additions are prefixed with the part they are about. */
function namedPart(issues: ValidationIssue[], part: string): IssueSink {
  return {
    push: (...added) =>
      issues.push(...added.map((issue) => ({ ...issue, message: `${part}: ${issue.message}` }))),
  }
}

function checkText(
  issues: IssueSink,
  path: string,
  text: string,
  hasMedia: boolean,
  rules: ContentRules,
) {
  const max =
    hasMedia && rules.text.captionMax !== undefined ? rules.text.captionMax : rules.text.max
  const length = countText(text, rules.text.counting)
  if (length > max) {
    const what = hasMedia && rules.text.captionMax !== undefined ? 'caption' : 'text'
    issues.push({
      path,
      code: 'TEXT_TOO_LONG',
      message: `The ${what} is ${length} ${describeCounting(rules.text.counting)}; ${PLATFORM_NAMES[rules.platform]} allows ${max}. Shorten it by ${length - max}.`,
    })
  }
}

function checkMedia(
  issues: IssueSink,
  path: string,
  media: readonly MediaItem[],
  rules: ContentRules,
) {
  const name = PLATFORM_NAMES[rules.platform]
  if (media.length > rules.media.max) {
    issues.push({
      path,
      code: 'TOO_MANY_MEDIA',
      message: `${name} allows at most ${plural(rules.media.max, 'media item')} in a post; this one has ${media.length}.`,
    })
  }
  media.forEach((item, i) => {
    const at = `${path}[${i}]`
    const typeRules = rules.media.types[item.type]
    if (!isHttpUrl(item.url)) {
      issues.push({
        path: `${at}.url`,
        code: 'MEDIA_URL_INVALID',
        message: `Media ${i + 1} needs a full http(s) URL the platform can download.`,
      })
    }
    if (!typeRules) {
      const accepted = Object.keys(rules.media.types).join(', ')
      issues.push({
        path: `${at}.type`,
        code: 'MEDIA_TYPE_UNSUPPORTED',
        message: `${name} does not accept ${item.type} media; it accepts ${accepted}.`,
      })
      return
    }
    if (
      item.mimeType &&
      typeRules.mimeTypes.length > 0 &&
      !typeRules.mimeTypes.includes(item.mimeType.toLowerCase())
    ) {
      issues.push({
        path: `${at}.mimeType`,
        code: 'MEDIA_FORMAT_UNSUPPORTED',
        message: `${name} does not accept ${item.mimeType} for ${item.type}s; use ${typeRules.mimeTypes.join(', ')}.`,
      })
    }
    if (item.sizeBytes !== undefined && item.sizeBytes > typeRules.maxBytes) {
      issues.push({
        path: `${at}.sizeBytes`,
        code: 'MEDIA_TOO_LARGE',
        message: `Media ${i + 1} is ${(item.sizeBytes / 1048576).toFixed(1)} MB; ${name} accepts ${item.type}s up to ${Math.round(typeRules.maxBytes / 1048576)} MB.`,
      })
    }
    if (
      item.altText &&
      rules.media.altTextMax !== undefined &&
      [...item.altText].length > rules.media.altTextMax
    ) {
      issues.push({
        path: `${at}.altText`,
        code: 'ALT_TEXT_TOO_LONG',
        message: `The alt text of media ${i + 1} is longer than ${name}'s ${rules.media.altTextMax} characters.`,
      })
    }
    if (media.length > 1 && rules.media.alone.includes(item.type)) {
      issues.push({
        path: `${at}.type`,
        code: 'MEDIA_MUST_BE_ALONE',
        message: `On ${name} a ${item.type} must be the only media item of its post.`,
      })
    }
  })
  if (media.length > 1) {
    for (const type of rules.media.groupsOnlyWithSameType) {
      if (media.some((m) => m.type === type) && media.some((m) => m.type !== type)) {
        issues.push({
          path,
          code: 'MEDIA_MIXED_TYPES',
          message: `On ${name} ${type}s can only be grouped with other ${type}s.`,
        })
      }
    }
  }
}

function checkPoll(issues: ValidationIssue[], post: PostDraft, rules: ContentRules, name: string) {
  const poll = post.poll!
  const limits = rules.poll
  if (!limits) {
    issues.push({
      path: 'poll',
      code: 'POLL_UNSUPPORTED',
      message: `${name} polls cannot be published through the API; remove the poll.`,
    })
    return
  }
  if (poll.options.length < limits.minOptions || poll.options.length > limits.maxOptions) {
    issues.push({
      path: 'poll.options',
      code: 'POLL_OPTIONS_COUNT',
      message: `A ${name} poll needs ${limits.minOptions}–${limits.maxOptions} options; this one has ${poll.options.length}.`,
    })
  }
  poll.options.forEach((option, i) => {
    const length = [...option].length
    if (!option.trim() || length > limits.optionMax) {
      issues.push({
        path: `poll.options[${i}]`,
        code: 'POLL_OPTION_INVALID',
        message: `Poll option ${i + 1} must be 1–${limits.optionMax} characters; it is ${length}.`,
      })
    }
  })
  if (limits.questionMax !== undefined) {
    const question = poll.question ?? post.text
    const length = [...question].length
    if (!question.trim() || length > limits.questionMax) {
      issues.push({
        path: poll.question === undefined ? 'text' : 'poll.question',
        code: 'POLL_QUESTION_INVALID',
        message: `The poll question must be 1–${limits.questionMax} characters; it is ${length}.`,
      })
    }
  }
  if (
    !Number.isInteger(poll.durationMinutes) ||
    poll.durationMinutes < limits.minMinutes ||
    poll.durationMinutes > limits.maxMinutes
  ) {
    issues.push({
      path: 'poll.durationMinutes',
      code: 'POLL_DURATION',
      message: `A ${name} poll runs ${limits.minMinutes}–${limits.maxMinutes} whole minutes; ${poll.durationMinutes} is outside that.`,
    })
  }
  if (limits.excludesMedia && (post.media?.length ?? 0) > 0) {
    issues.push({
      path: 'poll',
      code: 'POLL_WITH_MEDIA',
      message: `A ${name} poll cannot carry media; remove the media or the poll.`,
    })
  }
}
