import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, Platform, authErrors } from '../schemas/common.js'
import { TimeZone } from '../schemas/common.js'
import { KNOWN_COLUMNS } from '../services/bulk-import/csv.js'
import { MAX_IMPORT_ROWS, importPosts } from '../services/bulk-import/import.js'

// 10,000 rows of a long post with media URLs and overrides fit in this.
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024

const ImportBody = z
  .object({
    csv: z
      .string()
      .min(1, 'paste or upload the CSV')
      .meta({ description: `The file, header row first. Columns: ${KNOWN_COLUMNS}.` }),
    mode: z.enum(['all-or-nothing', 'valid-rows']).default('all-or-nothing').meta({
      description:
        'all-or-nothing: one invalid row and nothing is created; valid-rows: the valid rows are.',
    }),
    dryRun: z
      .boolean()
      .default(false)
      .meta({ description: 'Check every row and report; create nothing.' }),
    timeZone: TimeZone.optional().meta({
      description: "Zone of times written without an offset; default the workspace's.",
    }),
  })
  .strict()

const RowProblem = z.object({
  column: z.string(),
  code: z.string(),
  message: z.string(),
  platform: Platform.optional(),
  accountId: z.string().optional(),
})

const RowReport = z.object({
  row: z.number().int(),
  valid: z.boolean(),
  postId: Id.nullable(),
  scheduledAt: Instant.nullable(),
  targets: z.number().int(),
  problems: z.array(RowProblem),
  warnings: z.array(RowProblem).meta({
    description:
      'The same or nearly the same text as another post on the account around that time (or a row above); the row is still valid.',
  }),
})

const ImportReport = z
  .object({
    mode: z.enum(['all-or-nothing', 'valid-rows']),
    dryRun: z.boolean(),
    total: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    created: z.number().int(),
    rows: z.array(RowReport),
  })
  .meta({ id: 'ImportReport' })

/** Bulk import of posts from a CSV. */
export const importRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db' | 'providers' | 'webhookQueue'> & { duplicateWindowMs?: number }
> = async (app, { db, providers, webhookQueue, duplicateWindowMs }) => {
  app.post(
    '/v1/posts/import',
    {
      preHandler: app.authorize('editor'),
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['posts'],
        summary: `Import up to ${MAX_IMPORT_ROWS.toLocaleString('en')} posts from a CSV: every row checked first, a report per row`,
        body: ImportBody,
        response: {
          200: ImportReport,
          201: ImportReport,
          ...authErrors,
          400: ErrorBody,
          413: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const report = await importPosts(
        {
          db,
          providers,
          log: request.log,
          ...(webhookQueue ? { webhookQueue } : {}),
          ...(duplicateWindowMs !== undefined ? { duplicateWindowMs } : {}),
        },
        principalOf(request),
        request.body,
      )
      void reply.code(report.created > 0 ? 201 : 200)
      return report
    },
  )
}
