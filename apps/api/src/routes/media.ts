import multipart from '@fastify/multipart'
import { PLATFORMS, type Platform } from '@statex/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Platform as PlatformSchema, authErrors, listOf } from '../schemas/common.js'
import { MediaItem } from '../schemas/posts.js'
import { localMediaStore } from '../services/media-store.js'
import {
  EXTENSIONS,
  largestAccepted,
  limitFor,
  mediaTypeOf,
  sniffMimeType,
} from '../services/media-types.js'
import { UnsafeUrlError, safeFetch } from '@statex/runtime'

export interface MediaRouteOptions extends Pick<AppDeps, 'providers'> {
  dir: string
  publicUrl: string
  /** Tests and air-gapped setups only. */
  fetchAllowPrivate?: boolean
  fetchTimeoutMs?: number
}

const tags = ['media']
const MIME_BY_EXT = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]))

/**
 * `POST /v1/media` (multipart upload) and `POST /v1/media/fetch` (a URL the server downloads),
 * both checked against what the target platforms accept, stored, and served from a public URL.
 */
export const mediaRoutes: FastifyPluginAsyncZod<MediaRouteOptions> = async (app, options) => {
  const store = localMediaStore({ dir: options.dir, publicUrl: options.publicUrl })
  const registered = (Object.keys(options.providers.providers) as Platform[]).filter((p) =>
    PLATFORMS.includes(p),
  )
  // Named targets must all accept the file; with none named, the file only has to suit one of
  // the platforms this deployment runs (a PNG is fine for X even though Instagram takes only JPEG):
  // each post's own validation then checks it against its actual targets.
  const platformsOf = (named: readonly Platform[] | undefined) =>
    named?.length ? { platforms: named, all: true } : { platforms: registered, all: false }
  const cap = (platforms: readonly Platform[]) =>
    largestAccepted(platforms.length ? platforms : PLATFORMS)
  await app.register(multipart, { limits: { files: 1, fields: 5, fileSize: cap(registered) } })

  async function accept(
    workspaceId: string,
    data: Buffer,
    targets: { platforms: readonly Platform[]; all: boolean },
    fileName?: string,
  ) {
    const mimeType = sniffMimeType(data.subarray(0, 16))
    if (!mimeType)
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        message:
          'The file is not a JPEG, PNG, GIF, WebP, MP4, MOV or PDF (checked by its content, not its name).',
      })
    const accepting = targets.all
      ? targets.platforms
      : targets.platforms.filter((p) => !('refusedBy' in limitFor(mimeType, [p])))
    const platforms = accepting.length ? accepting : targets.platforms
    const limit = targets.all
      ? limitFor(mimeType, platforms)
      : accepting.length
        ? {
            maxBytes: Math.max(
              ...accepting.map((p) => (limitFor(mimeType, [p]) as { maxBytes: number }).maxBytes),
            ),
          }
        : limitFor(mimeType, platforms)
    if ('refusedBy' in limit)
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        message: `${limit.refusedBy.join(', ')} ${limit.refusedBy.length === 1 ? 'does' : 'do'} not accept ${mimeType}.`,
        details: { mimeType, refusedBy: limit.refusedBy },
      })
    if (data.length > limit.maxBytes)
      throw new ApiError('PAYLOAD_TOO_LARGE', {
        message: `The file is ${data.length} bytes; ${platforms.join(', ')} accept ${mediaTypeOf(mimeType)}s up to ${limit.maxBytes} bytes.`,
      })
    const { url } = await store.save(workspaceId, mimeType, data)
    return {
      url,
      type: mediaTypeOf(mimeType),
      mimeType,
      sizeBytes: data.length,
      ...(fileName ? { fileName: fileName.slice(0, 255) } : {}),
    }
  }

  app.post(
    '/v1/media',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary:
          'Upload a file (multipart field "file"); checked against the platforms named in ?platforms=',
        consumes: ['multipart/form-data'],
        querystring: z.object({ platforms: listOf(PlatformSchema).optional() }).strict(),
        response: {
          201: z.object({ media: MediaItem }),
          ...authErrors,
          400: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      if (!request.isMultipart())
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
          message: 'Send the file as multipart/form-data in a field named "file".',
        })
      const part = await request.file()
      if (!part)
        throw new ApiError('VALIDATION_FAILED', {
          details: [{ path: 'body.file', message: 'is required' }],
        })
      const data = await part.toBuffer()
      if (part.file.truncated) throw new ApiError('PAYLOAD_TOO_LARGE')
      const media = await accept(
        principal.workspaceId,
        data,
        platformsOf(request.query.platforms),
        part.filename,
      )
      void reply.code(201)
      return { media }
    },
  )

  app.post(
    '/v1/media/fetch',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Store media from a public URL (private addresses refused, size and time capped)',
        body: z
          .object({
            url: z.url({ protocol: /^https?$/ }).max(4096),
            platforms: z.array(PlatformSchema).max(6).optional(),
          })
          .strict(),
        response: {
          201: z.object({ media: MediaItem }),
          ...authErrors,
          400: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const targets = platformsOf(request.body.platforms)
      let fetched
      try {
        fetched = await safeFetch(request.body.url, {
          maxBytes: cap(targets.platforms),
          timeoutMs: options.fetchTimeoutMs ?? 15_000,
          ...(options.fetchAllowPrivate ? { allowPrivate: true } : {}),
        })
      } catch (error) {
        if (error instanceof UnsafeUrlError)
          throw new ApiError('INVALID_INPUT', { message: error.message })
        throw error
      }
      const name = new URL(fetched.finalUrl).pathname.split('/').pop() || undefined
      const media = await accept(principal.workspaceId, fetched.body, targets, name)
      void reply.code(201)
      return { media }
    },
  )

  app.get<{ Params: { workspaceId: string; file: string } }>(
    '/media/:workspaceId/:file',
    { schema: { hide: true }, config: { rateLimit: false } },
    async (request, reply) => {
      const found = await store.open(request.params.workspaceId, request.params.file)
      if (!found) throw new ApiError('NOT_FOUND')
      return (
        reply
          .type(MIME_BY_EXT[found.ext] ?? 'application/octet-stream')
          .header('content-length', found.size)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          // Helmet's default (same-origin) made browsers refuse these as <img> on the dashboard,
          // which is another origin (its own port): every uploaded image showed broken. The files
          // are public by design (the platforms fetch them by URL), so any origin may embed them.
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(found.stream)
      )
    },
  )
}
