import { assist, ASSIST_TASKS, AllTiersFailedError, type AnswerCheck } from '@statex/ai'
import { CONTENT_RULES, PLATFORM_NAMES, validatePost, type Platform } from '@statex/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { DraftUsage, usageOf } from '../schemas/ai.js'
import { ErrorBody, Platform as PlatformSchema, authErrors } from '../schemas/common.js'

/**
 * The platform's own text rules on an AI answer (length as it counts, hashtags, links): over the
 * limit asks the tier once to shorten; anything else makes the answer unusable. Media and options
 * are the composer's business, not the text's.
 */
function textCheck(platform: Platform): AnswerCheck {
  return (text) => {
    const issues = validatePost({ text }, CONTENT_RULES[platform]).filter((i) => i.path === 'text')
    if (issues.length === 0) return 'ok'
    if (issues.every((i) => i.code === 'TEXT_TOO_LONG')) return 'too_long'
    return { unusable: issues.map((i) => i.message).join(' ') }
  }
}

const Suggestion = z
  .object({ platform: PlatformSchema, text: z.string(), usage: DraftUsage })
  .meta({ id: 'AssistSuggestion' })

/** The composer's AI assist: rewrite for each platform, suggest hashtags, shorten an over-long text. */
export const aiAssistRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db' | 'chain'>> = async (
  app,
  { db, chain },
) => {
  app.post(
    '/v1/ai/assist',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags: ['posts'],
        summary: 'AI assist for a post text: one suggestion per platform',
        description:
          "task: rewrite (each platform's style and limits) | hashtags (up to 5, the text kept) | shorten (under the platform's limit). Every suggestion passes the platform's text rules; tier, model, tokens and cost are recorded per call like AI replies.",
        body: z
          .object({
            text: z.string().trim().min(1).max(10_000),
            platforms: z.array(PlatformSchema).min(1).max(6),
            task: z.enum(ASSIST_TASKS as ['rewrite', 'hashtags', 'shorten']),
          })
          .strict(),
        response: {
          200: z.object({ suggestions: z.array(Suggestion) }),
          ...authErrors,
          400: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      if (!chain) throw new ApiError('AI_UNAVAILABLE')
      const { workspaceId } = principalOf(request)
      const { text, task } = request.body
      const platforms = [...new Set(request.body.platforms)]
      try {
        // One after another: the local tier answers one request at a time anyway.
        const suggestions = []
        for (const platform of platforms) {
          const max = CONTENT_RULES[platform].text.max
          const completion = await assist(
            chain,
            {
              task,
              text,
              platformName: PLATFORM_NAMES[platform],
              ...(max ? { maxLength: max } : {}),
            },
            {
              check: textCheck(platform),
              onUsage: (c) => db.inboxSettings.recordUsage({ workspaceId, purpose: task, ...c }),
            },
          )
          suggestions.push({ platform, text: completion.text, usage: usageOf(completion) })
        }
        return { suggestions }
      } catch (error) {
        if (error instanceof AllTiersFailedError)
          throw new ApiError('AI_UNAVAILABLE', { message: error.message })
        throw error
      }
    },
  )
}
