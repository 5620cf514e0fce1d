import { z } from 'zod'

// The response fields the adapter reads, from ../shared/specs/x-api-v2/latest-openapi.json
// (components.schemas). Objects are loose: X adds fields over time.

/** `Problem` (RFC 7807) and the v1-style `Error`, both found in `errors[]`. */
export const ProblemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
  code: z.number().optional(),
  message: z.string().optional(),
  /** UsageCapExceededProblem: `Daily` | `Monthly`. */
  period: z.string().optional(),
  /** ClientForbiddenProblem: e.g. `client-not-enrolled`, `official-client-forbidden`. */
  reason: z.string().optional(),
  /** Set when the problem is about one resource (a tweet id in GET /2/tweets). */
  resource_id: z.string().optional(),
  resource_type: z.string().optional(),
  parameter: z.string().optional(),
  value: z.string().optional(),
})
export type XProblem = z.infer<typeof ProblemSchema>

/** The body of an error answer: a Problem at the top level, or `errors[]` (possibly with `data`). */
export const ErrorBodySchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
  period: z.string().optional(),
  reason: z.string().optional(),
  errors: z.array(ProblemSchema).optional(),
})

export const PublicMetricsSchema = z.looseObject({
  retweet_count: z.number(),
  reply_count: z.number(),
  like_count: z.number(),
  quote_count: z.number().optional(),
  bookmark_count: z.number().optional(),
  impression_count: z.number().optional(),
})

export const TweetSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  author_id: z.string().optional(),
  conversation_id: z.string().optional(),
  created_at: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  display_text_range: z.tuple([z.number(), z.number()]).optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
  public_metrics: PublicMetricsSchema.optional(),
  non_public_metrics: z.looseObject({}).optional(),
  organic_metrics: z.looseObject({}).optional(),
})
export type XTweet = z.infer<typeof TweetSchema>

export const UserSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  profile_image_url: z.string().optional(),
  /** With `user.fields=public_metrics`. */
  public_metrics: z
    .looseObject({
      followers_count: z.number().optional(),
      following_count: z.number().optional(),
      tweet_count: z.number().optional(),
    })
    .optional(),
})
export type XUser = z.infer<typeof UserSchema>

/** The `meta` of paged lists (`Get2UsersIdMentionsResponse`, `Get2DmEventsResponse`). */
export const PageMetaSchema = z.looseObject({
  result_count: z.number().optional(),
  newest_id: z.string().optional(),
  oldest_id: z.string().optional(),
  next_token: z.string().optional(),
})

const errorsField = z.array(ProblemSchema).optional()

/** `TweetCreateResponse`. */
export const TweetCreateResponseSchema = z.looseObject({
  data: z.looseObject({ id: z.string(), text: z.string() }),
})

/** `TweetDeleteResponse`. */
export const TweetDeleteResponseSchema = z.looseObject({
  data: z.looseObject({ deleted: z.boolean() }),
})

/** `Get2TweetsResponse`, `Get2UsersIdMentionsResponse`, `Get2UsersIdTweetsResponse`, search. */
export const TweetListResponseSchema = z.looseObject({
  data: z.array(TweetSchema).optional(),
  includes: z.looseObject({ users: z.array(UserSchema).optional() }).optional(),
  errors: errorsField,
  meta: PageMetaSchema.optional(),
})
export type XTweetList = z.infer<typeof TweetListResponseSchema>

/** `Get2UsersMeResponse`. */
export const UserResponseSchema = z.looseObject({ data: UserSchema })

/** `DmEvent`. */
export const DmEventSchema = z.looseObject({
  id: z.string(),
  event_type: z.string(),
  text: z.string().optional(),
  sender_id: z.string().optional(),
  dm_conversation_id: z.string().optional(),
  created_at: z.string().optional(),
})
export type XDmEvent = z.infer<typeof DmEventSchema>

export const DmEventListResponseSchema = z.looseObject({
  data: z.array(DmEventSchema).optional(),
  includes: z.looseObject({ users: z.array(UserSchema).optional() }).optional(),
  errors: errorsField,
  meta: PageMetaSchema.optional(),
})

/** `CreateDmEventResponse`. */
export const DmCreateResponseSchema = z.looseObject({
  data: z.looseObject({ dm_conversation_id: z.string(), dm_event_id: z.string() }),
})

/** `ProcessingInfo`. */
export const ProcessingInfoSchema = z.looseObject({
  state: z.enum(['succeeded', 'in_progress', 'pending', 'failed']).optional(),
  check_after_secs: z.number().optional(),
  progress_percent: z.number().optional(),
})

/** `MediaUploadResponse`. */
export const MediaUploadResponseSchema = z.looseObject({
  data: z.looseObject({
    id: z.string(),
    media_key: z.string().optional(),
    expires_after_secs: z.number().optional(),
    processing_info: ProcessingInfoSchema.optional(),
    size: z.number().optional(),
  }),
})
export type XMediaUpload = z.infer<typeof MediaUploadResponseSchema>['data']
