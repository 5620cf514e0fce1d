import { z } from 'zod'
import { Id, Instant, Platform, PostStatus, TimeZone, listOf } from './common.js'

export const ApprovalStatus = z
  .enum(['not_required', 'pending', 'in_review', 'approved', 'rejected'])
  .meta({
    id: 'ApprovalStatus',
    description:
      "not_required: publishes as scheduled; pending: a draft to submit for review; in_review: waits for an approver; approved; rejected: back to draft with the reviewer's comment. Only not_required and approved posts publish.",
  })

export const MediaItem = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL' }),
    type: z.enum(['image', 'video', 'document']),
    altText: z.string().max(5000).optional(),
    mimeType: z.string().max(100).optional(),
    sizeBytes: z.number().int().nonnegative().optional(),
    fileName: z.string().max(255).optional(),
  })
  .meta({ id: 'MediaItem' })

const PlatformOptions = z
  .object({
    telegram: z.record(z.string(), z.unknown()).optional(),
    whatsapp: z
      .object({
        recipients: z.array(z.string().max(32)).max(1000),
        template: z
          .object({
            name: z.string().min(1).max(512),
            language: z.string().min(2).max(15),
            components: z.array(z.unknown()).optional(),
          })
          .optional(),
        previewUrl: z.boolean().optional(),
      })
      .optional(),
    linkedin: z.record(z.string(), z.unknown()).optional(),
    facebook: z.record(z.string(), z.unknown()).optional(),
    twitter: z.record(z.string(), z.unknown()).optional(),
    instagram: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

const draftFields = {
  text: z.string().max(100_000),
  media: z.array(MediaItem).max(20).optional(),
  link: z.string().max(4096).optional(),
  thread: z
    .array(
      z.object({ text: z.string().max(100_000), media: z.array(MediaItem).max(20).optional() }),
    )
    .max(50)
    .optional(),
  poll: z
    .object({
      question: z.string().max(1000).optional(),
      options: z.array(z.string().max(1000)).max(20),
      durationMinutes: z.number().int(),
    })
    .optional(),
  options: PlatformOptions.optional(),
  firstComment: z.string().max(10_000).optional().meta({
    description:
      'Posted as a comment under the post right after it is published, once (LinkedIn, Facebook, Instagram; a reply on X). An override of "" leaves it off one account.',
  }),
}

export const PostDraft = z.object(draftFields).strict().meta({ id: 'PostDraft' })
export const PostDraftOverride = z
  .object(draftFields)
  .partial()
  .strict()
  .meta({ id: 'PostDraftOverride' })

export const Schedule = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('draft') }),
    z.object({ type: z.literal('at'), at: Instant }),
    z.object({ type: z.literal('next-slot') }),
    z.object({ type: z.literal('now') }),
  ])
  .meta({
    id: 'Schedule',
    description:
      "draft: keep unscheduled; at: publish at an instant; next-slot: the first of the workspace's posting slots free on every target; now: publish immediately.",
  })

export const Repeat = z
  .object({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'name at least one weekday')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'a weekday is named twice')
      .meta({ description: "1 Monday … 7 Sunday, in the post's time zone." }),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use "HH:MM", e.g. "09:00"')
      .optional()
      .meta({ description: "Wall-clock time in the post's zone. Default: the first post's time." }),
    until: Instant.optional().meta({ description: 'No occurrence after this instant.' }),
  })
  .strict()
  .meta({
    id: 'Repeat',
    description:
      "Repeat weekly after the first post, at the same wall-clock time in the post's time zone (DST never shifts it). Each occurrence is its own post, created when the one before falls due.",
  })

export const CreatePostBody = z
  .object({
    content: PostDraft,
    targets: z
      .array(z.object({ accountId: Id, override: PostDraftOverride.optional() }).strict())
      .min(1, 'name at least one target account')
      .max(50),
    schedule: Schedule.default({ type: 'draft' }),
    timeZone: TimeZone.optional(),
    repeat: Repeat.optional(),
    shortenLinks: z.boolean().optional().meta({
      description:
        'Replace the URLs in the text with short links of ours (<STATEX_LINK_BASE_URL>/l/<code>) that count clicks per post and platform and add utm_source/utm_medium/utm_campaign.',
    }),
    requiresApproval: z.boolean().optional().meta({
      description:
        'Hold the post for an approval even where the workspace does not require one. With a time it is submitted for review at once; a draft waits for POST /v1/posts/:id/submit.',
    }),
  })
  .strict()

export const ScheduleBody = z
  .object({
    content: z.string().max(100_000),
    platforms: z.array(Platform).min(1, 'name at least one platform').max(6),
    scheduledAt: Instant,
    media: z
      .array(z.union([z.url({ protocol: /^https?$/ }), MediaItem]))
      .max(20)
      .optional(),
    options: PlatformOptions.optional(),
  })
  .strict()

export const UpdatePostBody = z
  .object({
    content: PostDraft.optional(),
    overrides: z.record(Id, PostDraftOverride.nullable()).optional(),
    scheduledAt: Instant.nullable().optional(),
    timeZone: TimeZone.optional(),
    repeat: Repeat.nullable()
      .optional()
      .meta({ description: 'A new rule for the series, or null to stop it repeating.' }),
  })
  .strict()

/** One message of a broadcast (a WhatsApp message to one recipient). */
export const Delivery = z
  .object({
    recipient: z.string(),
    externalId: z.string(),
    status: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed']),
    error: z
      .object({ code: z.union([z.string(), z.number()]).optional(), message: z.string() })
      .optional(),
  })
  .meta({ id: 'Delivery' })

export const Target = z
  .object({
    id: Id,
    accountId: Id,
    platform: Platform,
    status: PostStatus,
    scheduledAt: Instant.nullable(),
    contentOverride: z.record(z.string(), z.unknown()).nullable(),
    externalId: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: Instant.nullable(),
    lastError: z.string().nullable(),
    partIds: z.array(z.string()).meta({
      description:
        "Every post the platform created for this target, in order, when it made more than one: a thread's posts (the first is externalId), a media group's messages, a broadcast's messages. Empty otherwise.",
    }),
    firstComment: z
      .object({
        status: z.enum(['sending', 'sent', 'failed', 'unknown']),
        externalId: z.string().nullable(),
        error: z.string().nullable(),
      })
      .nullable()
      .meta({
        description:
          'The first comment once the post is out: sending, sent, failed (the platform refused), unknown (no answer; it is never re-sent, check the post). Null before.',
      }),
    deliveries: z.array(Delivery).nullable().meta({
      description:
        "A broadcast's messages, one per recipient, as the platform's status webhooks report them; null for posts that are not broadcasts.",
    }),
    version: z.number().int(),
  })
  .meta({ id: 'PostTarget' })

export const Post = z
  .object({
    id: Id,
    status: z.enum([
      'DRAFT',
      'IN_REVIEW',
      'SCHEDULED',
      'PUBLISHING',
      'PUBLISHED',
      'PARTIALLY_PUBLISHED',
      'FAILED',
      'UNKNOWN',
      'ARCHIVED',
    ]),
    content: z.record(z.string(), z.unknown()),
    scheduledAt: Instant.nullable(),
    timeZone: z.string(),
    repeat: z
      .object({
        weekdays: z.array(z.number().int()),
        time: z.string(),
        timeZone: z.string(),
        until: Instant.nullable(),
      })
      .nullable()
      .meta({ description: "The series' rule, on its latest occurrence only." }),
    seriesId: Id.nullable().meta({ description: 'The first occurrence of a repeating post.' }),
    approvalStatus: ApprovalStatus,
    createdAt: Instant,
    updatedAt: Instant,
    targets: z.array(Target),
  })
  .meta({ id: 'Post' })

export const DuplicateWarning = z
  .object({
    code: z.literal('DUPLICATE_CONTENT'),
    refused: z.boolean(),
    accountId: Id,
    platform: Platform,
    similarity: z.number(),
    earlier: z.object({
      postId: Id,
      targetId: Id,
      status: z.string(),
      at: Instant,
      url: z.string().nullable(),
      href: z.string(),
    }),
    message: z.string(),
  })
  .meta({
    id: 'DuplicateWarning',
    description:
      'The same or nearly the same text on the same account close in time (STATEX_DUPLICATE_WINDOW_HOURS), with a link to the earlier post. X refuses duplicates, so there the request fails with DUPLICATE_CONTENT instead.',
  })

export const PostAnswer = z.object({
  post: Post,
  jobIds: z.array(z.string()),
  warnings: z.array(DuplicateWarning),
})

export const ListPostsQuery = z
  .object({
    status: listOf(PostStatus).optional(),
    platform: listOf(Platform).optional(),
    accountId: listOf(Id).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    q: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict()

export const PostPage = z.object({ data: z.array(Post), nextCursor: z.string().nullable() })

export const TargetActionAnswer = z.object({
  post: Post,
  /** Targets the action applied to. */
  changed: z.array(Id),
  /** Targets left as they were, and why. */
  skipped: z.array(z.object({ targetId: Id, status: PostStatus, reason: z.string() })),
  jobIds: z.array(z.string()),
})

/** PATCH's answer: what changed, plus the duplicate check's warnings for the edited text. */
export const EditAnswer = TargetActionAnswer.extend({ warnings: z.array(DuplicateWarning) })

export const ScheduleAnswer = z.object({
  success: z.literal(true),
  postId: Id,
  jobIds: z.array(z.string()),
  scheduledPosts: z.array(
    z.object({
      id: Id,
      platform: Platform,
      accountId: Id,
      status: PostStatus,
      scheduledAt: Instant,
    }),
  ),
})

export const DeleteAnswer = z.object({
  deleted: z.boolean(),
  post: Post.nullable(),
  notDeleted: z.array(z.object({ targetId: Id, platform: Platform, reason: z.string() })),
})
