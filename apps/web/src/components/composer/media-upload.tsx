'use client'

import type { MediaType, Platform } from '@statex/core'
import { useId, useState } from 'react'

export interface UploadedMedia {
  url: string
  type: MediaType
}

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; name: string; percent: number }
  | { phase: 'failed'; message: string }

/**
 * Uploads one file to `POST /v1/media` through the dashboard's proxy, with its progress shown
 * (XMLHttpRequest: fetch reports no upload progress). The API checks it against the chosen
 * platforms' media rules and answers with the URL the platforms will download it from.
 */
export function MediaUpload({
  platforms,
  onUploaded,
}: {
  platforms: readonly Platform[]
  onUploaded: (media: UploadedMedia) => void
}) {
  const id = useId()
  const [state, setState] = useState<UploadState>({ phase: 'idle' })

  const send = (file: File) => {
    const form = new FormData()
    form.append('file', file)
    const query = platforms.length ? `?platforms=${platforms.join(',')}` : ''
    const request = new XMLHttpRequest()
    request.open('POST', `/api/v1/media${query}`)
    request.responseType = 'json'
    request.upload.onprogress = (event) => {
      if (event.lengthComputable)
        setState({
          phase: 'sending',
          name: file.name,
          percent: Math.round((event.loaded / event.total) * 100),
        })
    }
    request.onload = () => {
      const body = request.response as {
        media?: UploadedMedia
        error?: { message?: string }
      } | null
      if (request.status === 201 && body?.media) {
        setState({ phase: 'idle' })
        onUploaded({ url: body.media.url, type: body.media.type })
      } else {
        setState({
          phase: 'failed',
          message: body?.error?.message ?? `The upload failed (HTTP ${request.status}).`,
        })
      }
    }
    request.onerror = () =>
      setState({ phase: 'failed', message: 'The upload did not reach the server; try again.' })
    setState({ phase: 'sending', name: file.name, percent: 0 })
    request.send(form)
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        Upload a file
      </label>
      <input
        id={id}
        type="file"
        accept="image/*,video/*,application/pdf"
        disabled={state.phase === 'sending'}
        className="text-sm"
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) send(file)
        }}
      />
      {state.phase === 'sending' && (
        <p className="flex items-center gap-2 text-sm text-muted" role="status">
          <progress
            value={state.percent}
            max={100}
            aria-label={`Uploading ${state.name}`}
            className="w-40"
          />
          {state.percent}% of {state.name}
        </p>
      )}
      {state.phase === 'failed' && (
        <p role="alert" className="text-sm text-danger">
          {state.message}
        </p>
      )}
    </div>
  )
}
