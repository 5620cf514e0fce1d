import { z } from 'zod'

// The response fields the adapter reads, from the LinkedIn Marketing API documentation
// (learn.microsoft.com/linkedin/marketing/community-management/...). Objects are loose.

/** `{ status, serviceErrorCode, code, message }` (api-guide/concepts/error-handling). */
export const ErrorBodySchema = z.looseObject({
  status: z.number().optional(),
  serviceErrorCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  errorDetails: z
    .looseObject({
      inputErrors: z
        .array(
          z.looseObject({
            description: z.string().optional(),
            input: z
              .looseObject({
                inputPath: z.looseObject({ fieldPath: z.string().optional() }).optional(),
              })
              .optional(),
            code: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
})

/** A post of the Posts API (`GET /rest/posts`). */
export const PostSchema = z.looseObject({
  id: z.string(),
  author: z.string(),
  commentary: z.string().optional(),
  lifecycleState: z.string().optional(),
  createdAt: z.number().optional(),
  publishedAt: z.number().optional(),
})
export type LinkedInPost = z.infer<typeof PostSchema>

export const PagingSchema = z.looseObject({
  start: z.number().optional(),
  count: z.number().optional(),
  total: z.number().optional(),
})

export const PostListSchema = z.looseObject({
  elements: z.array(PostSchema),
  paging: PagingSchema.optional(),
})

/** `initializeUpload` answers of the Images and Documents APIs. */
export const InitializeUploadSchema = z.looseObject({
  value: z.looseObject({
    uploadUrl: z.string(),
    uploadUrlExpiresAt: z.number().optional(),
    image: z.string().optional(),
    document: z.string().optional(),
  }),
})

/** The Videos API `initializeUpload` answer. */
export const VideoInitializeSchema = z.looseObject({
  value: z.looseObject({
    video: z.string(),
    uploadToken: z.string().optional(),
    uploadInstructions: z.array(
      z.looseObject({ uploadUrl: z.string(), firstByte: z.number(), lastByte: z.number() }),
    ),
  }),
})

/** A comment (`GET /rest/socialActions/{urn}/comments`). */
export const CommentSchema = z.looseObject({
  actor: z.string(),
  object: z.string().optional(),
  id: z.string().optional(),
  commentUrn: z.string().optional(),
  $URN: z.string().optional(),
  message: z.looseObject({ text: z.string() }),
  created: z.looseObject({ time: z.number() }).optional(),
  parentComment: z.string().optional(),
})
export type LinkedInComment = z.infer<typeof CommentSchema>

export const CommentListSchema = z.looseObject({
  elements: z.array(CommentSchema),
  paging: PagingSchema.optional(),
})

/** `GET /rest/socialActions/{urn}`. */
export const SocialActionsSchema = z.looseObject({
  likesSummary: z.looseObject({ totalLikes: z.number().optional() }).optional(),
  commentsSummary: z
    .looseObject({
      aggregatedTotalComments: z.number().optional(),
      totalFirstLevelComments: z.number().optional(),
    })
    .optional(),
})

/** `GET /rest/organizationalEntityShareStatistics`. */
/** `GET /rest/networkSizes/{organization URN}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`. */
export const NetworkSizeSchema = z.looseObject({ firstDegreeSize: z.number().int().nonnegative() })

export const ShareStatisticsSchema = z.looseObject({
  elements: z.array(
    z.looseObject({
      share: z.string().optional(),
      ugcPost: z.string().optional(),
      totalShareStatistics: z.looseObject({
        impressionCount: z.number().optional(),
        uniqueImpressionsCount: z.number().optional(),
        clickCount: z.number().optional(),
        likeCount: z.number().optional(),
        commentCount: z.number().optional(),
        shareCount: z.number().optional(),
        engagement: z.number().optional(),
      }),
    }),
  ),
})

/** `GET /v2/userinfo` (OpenID Connect). */
export const UserInfoSchema = z.looseObject({
  sub: z.string(),
  name: z.string().optional(),
  picture: z.string().optional(),
})

export const OrganizationAclsSchema = z.looseObject({
  elements: z.array(
    z.looseObject({
      organization: z.string(),
      role: z.string().optional(),
      state: z.string().optional(),
    }),
  ),
})

export const OrganizationSchema = z.looseObject({
  id: z.number(),
  localizedName: z.string(),
  vanityName: z.string().optional(),
})
