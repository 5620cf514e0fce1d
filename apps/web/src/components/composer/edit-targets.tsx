import type { Platform } from '@statex/core'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { isEditable } from '@/lib/editable'
import type { PostTarget } from './edit-model'

const LOCKED: Partial<Record<PostTarget['status'], string>> = {
  PUBLISHED: 'Published on {p}: edits do not change what is live.',
  PUBLISHING: 'Being published on {p} now: edits do not reach it.',
  PROCESSING: '{p} is still processing it: edits do not reach it.',
  UNKNOWN: 'May be live on {p} (the outcome is unknown): edits do not reach it.',
  ARCHIVED: 'Archived: edits do not change it.',
}

const OPEN: Partial<Record<PostTarget['status'], string>> = {
  DRAFT: 'Draft: gets this edit.',
  IN_REVIEW: 'Waiting for approval: gets this edit.',
  SCHEDULED: 'Scheduled: gets this edit.',
  FAILED: 'Failed: gets this edit (then retry it, or choose a time).',
}

/**
 * The edited post's accounts, fixed: PATCH /v1/posts/:id changes content and time, not which
 * accounts a post goes to. Targets already sent are shown locked, with why.
 */
export function EditTargets({
  targets,
  accountNames,
  inForm = true,
}: {
  targets: readonly PostTarget[]
  accountNames: ReadonlyMap<string, string>
  /** In the edit form, which also says the accounts are fixed; else a list of what is locked. */
  inForm?: boolean
}) {
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-semibold">Publishes to</legend>
      <ul className="flex flex-col gap-2">
        {targets.map((target) => {
          const platform = PLATFORM_LABELS[target.platform as Platform]
          const open = isEditable(target)
          const why = (open ? OPEN : LOCKED)[target.status] ?? ''
          return (
            <li
              key={target.id}
              data-target-platform={target.platform}
              data-locked={open ? undefined : 'true'}
              className={
                open
                  ? 'rounded-md border border-accent bg-info-bg px-3 py-2 text-sm'
                  : 'rounded-md border border-border bg-surface-2 px-3 py-2 text-sm'
              }
            >
              <strong>{platform}</strong>
              {accountNames.get(target.accountId) && ` · ${accountNames.get(target.accountId)}`}
              <span className="block text-muted">
                {!open && <LockIcon />}
                {why.replace('{p}', platform)}
              </span>
            </li>
          )
        })}
      </ul>
      {inForm && (
        <p className="mt-2 text-sm text-muted">
          The accounts of an existing post are fixed: an edit changes its text and time only. To
          post to another account, write a new post.
        </p>
      )}
    </fieldset>
  )
}

/** A padlock drawn inline: an emoji needs a font the person's system may not have. */
function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="mr-1 inline size-3.5 align-[-2px]"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  )
}
