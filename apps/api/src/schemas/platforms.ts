import { METRIC_FIELDS } from '@statex/core'
import { z } from 'zod'
import { Platform } from './common.js'

// The shape of core's ProviderCapabilities, for the OpenAPI document and the typed client. A field
// added to the capabilities must be added here too, or the answer leaves it out.

const MediaTypeRules = z.object({
  mimeTypes: z.array(z.string()).readonly(),
  maxBytes: z.number().int(),
})

const ContentRules = z.object({
  platform: Platform,
  text: z.object({
    max: z.number().int(),
    counting: z.enum(['twitter-weighted', 'code-points', 'utf16']),
    captionMax: z.number().int().optional(),
  }),
  media: z.object({
    min: z.number().int(),
    max: z.number().int(),
    types: z.partialRecord(z.enum(['image', 'video', 'document']), MediaTypeRules),
    alone: z.array(z.string()).readonly(),
    groupsOnlyWithSameType: z.array(z.string()).readonly(),
    altTextMax: z.number().int().optional(),
  }),
  link: z.enum(['appended', 'separate', 'unsupported']),
  hashtagsMax: z.number().int().optional(),
  mentionsMax: z.number().int().optional(),
  thread: z.object({ maxParts: z.number().int() }).optional(),
  poll: z
    .looseObject({
      minOptions: z.number().int(),
      maxOptions: z.number().int(),
      optionMax: z.number().int(),
      questionMax: z.number().int().optional(),
      minMinutes: z.number().int(),
      maxMinutes: z.number().int(),
      excludesMedia: z.boolean(),
    })
    .optional(),
})

export const PlatformSummary = z
  .object({
    platform: Platform,
    capabilities: z.object({
      content: ContentRules,
      publishing: z.enum(['sync', 'async']),
      deletes: z.boolean(),
      metrics: z.array(z.enum(METRIC_FIELDS)).readonly(),
      interactions: z.object({
        types: z
          .array(z.enum(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION']))
          .readonly(),
        delivery: z.array(z.enum(['webhook', 'polling'])).readonly(),
      }),
      connection: z.enum(['oauth', 'token']),
      tokenRefresh: z.boolean(),
      reconcile: z.enum(['exact', 'by-content', 'none']),
      rateLimitScope: z.enum(['account', 'endpoint']).optional(),
      notes: z.array(z.string()).readonly().optional(),
    }),
  })
  .meta({ id: 'PlatformSummary' })

export const PlatformList = z.object({ data: z.array(PlatformSummary) })
