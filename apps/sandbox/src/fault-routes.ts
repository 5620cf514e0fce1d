import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPlatform } from '@statex/core'
import type { Fault } from '@statex/testkit/simulator'
import { z } from 'zod'
import { BodyTooLargeError, readSmallBody, sendJson } from './http.js'
import type { SandboxState } from './sandbox.js'

const FaultBody = z.object({
  platform: z.string().refine(isPlatform, 'must be a platform, e.g. "telegram"'),
  fault: z.discriminatedUnion('type', [
    z.object({ type: z.literal('reject_content'), message: z.string().max(500).optional() }),
    z.object({
      type: z.literal('server_error'),
      status: z.number().int().min(500).max(599).optional(),
    }),
    z.object({
      type: z.literal('rate_limit'),
      retryAfterSeconds: z.number().int().min(1).max(3600),
    }),
    z.object({ type: z.literal('drop_after_receive') }),
    z.object({ type: z.literal('drop_before_receive') }),
  ]),
  /** Only requests whose path contains this (e.g. an account's token on Telegram). */
  path: z.string().min(1).max(500).optional(),
  times: z.number().int().min(1).max(100).default(1),
})

/**
 * `POST /_sandbox/faults`: the next matching request(s) to a simulator fail as asked, so a failed
 * post (and what follows it: the notification, the email) can be shown or tested end to end.
 * `DELETE /_sandbox/faults?platform=…` clears them.
 */
export async function handleFaults(
  state: SandboxState,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method === 'DELETE') {
    const platform = url.searchParams.get('platform') ?? ''
    const simulator = isPlatform(platform) ? state.simulators.get(platform) : undefined
    if (!simulator) return sendJson(res, 404, { sandboxError: `No simulator for "${platform}".` })
    simulator.clearFaults()
    return sendJson(res, 200, { cleared: true })
  }
  let raw: unknown
  try {
    raw = JSON.parse(await readSmallBody(req))
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendJson(res, 413, { sandboxError: error.message })
    return sendJson(res, 400, {
      sandboxError: 'Send a JSON body: {"platform", "fault": {"type"}}.',
    })
  }
  const parsed = FaultBody.safeParse(raw)
  if (!parsed.success)
    return sendJson(res, 400, {
      sandboxError: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    })
  const { platform, fault, path, times } = parsed.data
  const simulator = state.simulators.get(platform as never)
  if (!simulator) return sendJson(res, 404, { sandboxError: `No simulator for "${platform}".` })
  simulator.injectFault(fault as Fault, { times, ...(path ? { match: { path } } : {}) })
  state.log(`sandbox: ${platform}: next ${times} matching request(s) answer ${fault.type}`)
  return sendJson(res, 201, { platform, fault, times, ...(path ? { path } : {}) })
}
