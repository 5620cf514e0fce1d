import { isTimeZone, PLATFORMS, POST_STATUSES } from '@statex/core'
import { z } from 'zod'

export const Platform = z.enum(PLATFORMS)
export const PostStatus = z.enum(POST_STATUSES)
export const Id = z.uuid({ error: 'must be an id this API returned (a UUID)' })
export const Instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 instant with a zone, e.g. 2026-12-01T09:00:00Z',
})

/** An IANA zone name this runtime knows, e.g. `Europe/Prague`. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Prague')

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' })

/** The error answers every authenticated route may give, for the OpenAPI document. */
export const authErrors = {
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  429: ErrorBody,
} as const

/** Comma-separated or repeated query values, e.g. `status=SCHEDULED,FAILED`. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter(Boolean),
    )
    .pipe(z.array(item) as unknown as z.ZodType<z.output<T>[], string[]>)
