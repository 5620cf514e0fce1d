import { z } from 'zod'
import { listSchema } from '@statex/graph'

/**
 * The Graph fields this adapter reads, from ../shared/specs/facebook-graph (Page.json, PagePost.json,
 * Photo.json, Comment.json). Unknown fields pass through: Meta adds fields often.
 */
export const idSchema = z.looseObject({ id: z.string().min(1) })
/** `POST /{page-id}/photos`: the photo id, and the feed post id when published. */
export const photoSchema = z.looseObject({ id: z.string().min(1), post_id: z.string().optional() })
export const successSchema = z.looseObject({ success: z.literal(true) })
export const storySchema = z.looseObject({ success: z.boolean(), post_id: z.string().min(1) })

export const pagePostSchema = z.looseObject({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  permalink_url: z.string().optional(),
})
export const pagePostsSchema = listSchema(pagePostSchema)

const fromSchema = z.looseObject({ id: z.string(), name: z.string().optional() })
export const commentSchema = z.looseObject({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  from: fromSchema.optional(),
  parent: z.looseObject({ id: z.string() }).optional(),
  permalink_url: z.string().optional(),
})
export type Comment = z.infer<typeof commentSchema>
export const commentsSchema = listSchema(commentSchema)

const summary = z.looseObject({ summary: z.looseObject({ total_count: z.number() }).optional() })
export const engagementSchema = z.looseObject({
  id: z.string(),
  reactions: summary.optional(),
  comments: summary.optional(),
  shares: z.looseObject({ count: z.number() }).optional(),
})
/** InsightsResult.json: `values[].value` for period `lifetime`. */
export const insightsSchema = listSchema(
  z.looseObject({
    name: z.string(),
    period: z.string().optional(),
    values: z.array(z.looseObject({ value: z.unknown() })).optional(),
  }),
)

/** `GET /{page-id}?fields=followers_count,fan_count` (Page.json). */
export const pageFiguresSchema = z.looseObject({
  id: z.string(),
  followers_count: z.number().optional(),
  fan_count: z.number().optional(),
})

/** Send API answer. */
export const sendSchema = z.looseObject({
  recipient_id: z.string().optional(),
  message_id: z.string().min(1),
})

/** One `/me/accounts` entry: a Page the person granted, with its Page token. */
export const pageSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  access_token: z.string().min(1),
  tasks: z.array(z.string()).optional(),
  category: z.string().optional(),
})
