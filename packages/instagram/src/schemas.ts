import { z } from 'zod'
import { listSchema } from '@statex/graph'

/**
 * The fields this adapter reads, from ../shared/specs/facebook-graph (IGUser.json, IGMedia.json,
 * IGComment.json, InstagramInsightsResult.json) and the IG Container reference.
 */
export const idSchema = z.looseObject({ id: z.string().min(1) })

/** `GET /{ig-container-id}?fields=status_code,status`. */
export const containerStatusSchema = z.looseObject({
  id: z.string(),
  status_code: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']),
  status: z.string().optional(),
})
export type ContainerStatus = z.infer<typeof containerStatusSchema>['status_code']

/** `GET /{ig-user-id}/content_publishing_limit?fields=config,quota_usage`. */
export const publishingLimitSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        quota_usage: z.number(),
        config: z
          .looseObject({ quota_total: z.number(), quota_duration: z.number().optional() })
          .optional(),
      }),
    )
    .min(1),
})

export const mediaSchema = z.looseObject({
  id: z.string(),
  caption: z.string().optional(),
  timestamp: z.string(),
  permalink: z.string().optional(),
  like_count: z.number().optional(),
  comments_count: z.number().optional(),
  media_product_type: z.string().optional(),
})
export const mediaListSchema = listSchema(mediaSchema)

export const igCommentSchema = z.looseObject({
  id: z.string(),
  text: z.string().optional(),
  timestamp: z.string(),
  username: z.string().optional(),
  from: z.looseObject({ id: z.string(), username: z.string().optional() }).optional(),
  parent_id: z.string().optional(),
})
export type IgComment = z.infer<typeof igCommentSchema>
export const igCommentsSchema = listSchema(igCommentSchema)

/** InstagramInsightsResult.json: `values[]` or `total_value` per metric. */
export const igInsightsSchema = listSchema(
  z.looseObject({
    name: z.string(),
    values: z.array(z.looseObject({ value: z.unknown() })).optional(),
    total_value: z.looseObject({ value: z.unknown() }).optional(),
  }),
)

/** `GET /{ig-user-id}?fields=followers_count,follows_count,media_count` (IGUser.json). */
export const igProfileSchema = z.looseObject({
  id: z.string(),
  followers_count: z.number().optional(),
  follows_count: z.number().optional(),
  media_count: z.number().optional(),
})

export const sendSchema = z.looseObject({
  recipient_id: z.string().optional(),
  message_id: z.string().min(1),
})

/** One `/me/accounts` entry with its linked Instagram professional account. */
export const pageWithInstagramSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  access_token: z.string().min(1),
  instagram_business_account: z
    .looseObject({
      id: z.string(),
      username: z.string().optional(),
      name: z.string().optional(),
      profile_picture_url: z.string().optional(),
    })
    .optional(),
})
