import type { Platform } from '@statex/core'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { Field, Textarea } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { takesFirstComment } from './first-comment-model'

/**
 * The optional first comment, posted under the post right after it is published. Says which of
 * the chosen platforms get it, and which have no comments (they get the post without it).
 */
export function FirstCommentField({
  id,
  platforms,
  registration,
}: {
  id: string
  platforms: readonly Platform[]
  registration: UseFormRegisterReturn
}) {
  const gets = platforms.filter(takesFirstComment).map((p) => PLATFORM_LABELS[p])
  const skips = platforms.filter((p) => !takesFirstComment(p)).map((p) => PLATFORM_LABELS[p])
  const hint =
    platforms.length === 0
      ? 'Posted as a comment under the post once it is out, on LinkedIn, Facebook, Instagram and X (a reply).'
      : [
          gets.length ? `Posted under the post on ${gets.join(', ')}.` : '',
          skips.length
            ? `${skips.join(', ')} ${skips.length === 1 ? 'has' : 'have'} no comments: left off there.`
            : '',
        ]
          .filter(Boolean)
          .join(' ')
  return (
    <Field
      id={id}
      label={
        <>
          First comment <span className="font-normal text-muted">(optional)</span>
        </>
      }
      hint={hint}
    >
      <Textarea
        id={id}
        rows={2}
        className="min-h-16"
        placeholder="A link, hashtags or a question to start the conversation"
        aria-describedby={`${id}-hint`}
        {...registration}
      />
    </Field>
  )
}
