import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { liErrors } from './errors.js'
import type { LinkedInRouteOptions } from './routes.js'
import { secret, type LinkedInState, type SimMember } from './state.js'

/** The Images, Documents and Videos APIs: initializeUpload, and finalizeUpload for videos. */
export function uploadRoute(
  state: LinkedInState,
  member: SimMember,
  resource: string,
  request: RecordedRequest,
  body: Record<string, unknown>,
  options: LinkedInRouteOptions,
): SimResponse | undefined {
  {
    const action = request.query.get('action')
    if (resource === 'videos' && action === 'finalizeUpload') {
      const f = (body.finalizeUploadRequest ?? {}) as {
        video?: string
        uploadedPartIds?: string[]
      }
      const upload = f.video ? state.uploads.get(f.video) : undefined
      if (!upload) return liErrors.notFound(String(f.video))
      const etags = [...upload.parts.values()].map((p) => p.etag)
      if (JSON.stringify(etags) !== JSON.stringify(f.uploadedPartIds))
        return liErrors.illegal(
          'uploadedPartIds must list the ETag of every uploaded part, in order.',
        )
      upload.finalized = true
      return { status: 200, body: '' }
    }
    if (action !== 'initializeUpload') return liErrors.illegal(`Unknown action ${action}.`)
    const init = (body.initializeUploadRequest ?? {}) as {
      owner?: string
      fileSizeBytes?: number
    }
    if (!init.owner || !state.canActAs(member, init.owner))
      return liErrors.denied(`${resource}.initializeUpload`)
    const kind = resource === 'images' ? 'image' : resource === 'documents' ? 'document' : 'video'
    const urn = `urn:li:${kind}:${state.nextId()}`
    state.uploads.set(urn, {
      urn,
      owner: init.owner,
      kind,
      size: init.fileSizeBytes,
      parts: new Map(),
      finalized: false,
    })
    const url = (key: string) => `${options.baseUrl()}/dms-uploads/${key}`
    const expires = state.clock.now() + 86_400_000
    if (kind !== 'video') {
      const key = secret('')
      state.uploadUrls.set(key, { urn })
      return {
        status: 200,
        body: { value: { uploadUrlExpiresAt: expires, uploadUrl: url(key), [kind]: urn } },
      }
    }
    if (typeof init.fileSizeBytes !== 'number')
      return liErrors.unprocessable([
        '/initializeUploadRequest/fileSizeBytes :: field is required but not found and has no default value',
      ])
    const PART = 4 * 1024 * 1024
    const uploadInstructions = []
    for (let first = 0; first < init.fileSizeBytes; first += PART) {
      const key = secret('')
      const last = Math.min(first + PART, init.fileSizeBytes) - 1
      state.uploadUrls.set(key, { urn, firstByte: first, lastByte: last })
      uploadInstructions.push({ uploadUrl: url(key), firstByte: first, lastByte: last })
    }
    return {
      status: 200,
      body: {
        value: { uploadUrlsExpireAt: expires, video: urn, uploadInstructions, uploadToken: '' },
      },
    }
  }
  return undefined
}
