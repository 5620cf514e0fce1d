import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { xErrors } from './errors.js'
import type { MatchedOperation } from './openapi.js'
import type { SimAccount, XState } from './state.js'

/** The v2 media upload: initialize, append, finalize, status, metadata. */
export function mediaRoute(
  state: XState,
  account: SimAccount,
  request: RecordedRequest,
  op: MatchedOperation,
): SimResponse {
  const upload = (item: ReturnType<XState['media']['get']> & object) => {
    const processing = item.readyAt !== undefined
    const ready = !processing || state.clock.now() >= item.readyAt!
    return {
      status: 200,
      body: {
        data: {
          id: item.id,
          media_key: item.media_key,
          expires_after_secs: 86400,
          size: item.total_bytes,
          ...(processing && item.finalized
            ? {
                processing_info: ready
                  ? { state: 'succeeded', progress_percent: 100 }
                  : { state: 'in_progress', check_after_secs: 5, progress_percent: 40 },
              }
            : {}),
        },
      },
    }
  }
  if (op.template === '/2/media/upload/initialize') {
    const body = request.body as { media_type: string; total_bytes: number; media_category: string }
    const id = state.ids.next()
    const prefix =
      body.media_category === 'tweet_video' ? '7' : body.media_category === 'tweet_gif' ? '16' : '3'
    state.media.set(id, {
      id,
      media_key: `${prefix}_${id}`,
      owner: account.id,
      media_type: body.media_type,
      media_category: body.media_category,
      total_bytes: body.total_bytes,
      received: new Map(),
      finalized: false,
    })
    return upload(state.media.get(id)!)
  }
  const id =
    op.params.id ??
    request.query.get('media_id') ??
    (request.body as { id?: string } | undefined)?.id ??
    ''
  const item = state.media.get(id)
  if (!item || item.owner !== account.id)
    return xErrors.invalid([`Media id ${id} is not an upload of this account.`])
  if (op.template === '/2/media/upload/{id}/append') {
    const body = request.body as { media: { size?: number } | string; segment_index: string }
    const size =
      typeof body.media === 'string'
        ? Buffer.from(body.media, 'base64').length
        : (body.media.size ?? 0)
    if (size > 5 * 1024 * 1024) return xErrors.invalid(['A media segment may be at most 5 MB.'])
    item.received.set(Number(body.segment_index), size)
    return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } }
  }
  if (op.template === '/2/media/upload/{id}/finalize') {
    const received = [...item.received.values()].reduce((a, b) => a + b, 0)
    if (received !== item.total_bytes)
      return xErrors.invalid([
        `File size mismatch: received ${received} bytes of the ${item.total_bytes} declared in initialize.`,
      ])
    item.finalized = true
    // Videos and GIFs are transcoded: ready 10 simulated seconds later.
    if (item.media_category !== 'tweet_image') item.readyAt = state.clock.now() + 10_000
    return upload(item)
  }
  if (op.template === '/2/media/metadata') {
    item.alt_text = (request.body as { metadata?: { alt_text?: { text?: string } } }).metadata
      ?.alt_text?.text
    return { status: 200, body: { data: { id: item.id, associated_metadata: true } } }
  }
  return upload(item)
}
