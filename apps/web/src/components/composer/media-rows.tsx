'use client'

import { useId } from 'react'
import type { MediaType, Platform } from '@statex/core'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/field'
import { MediaUpload } from './media-upload'
import type { MediaRow } from './preview-model'

const MEDIA_TYPES: readonly MediaType[] = ['image', 'video', 'document']

interface MediaRowsProps {
  rows: readonly MediaRow[]
  onChange: (rows: MediaRow[]) => void
  /** The chosen platforms: an upload is checked against their media rules. */
  platforms: readonly Platform[]
}

const isHttp = (url: string) => /^https?:\/\/\S+$/.test(url)

/** Media as URLs the platforms download at publish time: typed in, or uploaded to our server. */
export function MediaRows({ rows, onChange, platforms }: MediaRowsProps) {
  const ids = useId()
  const update = (id: number, patch: Partial<MediaRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)))
  const add = (media: { url: string; type: MediaType } = { url: '', type: 'image' }) =>
    onChange([...rows, { id: Math.max(0, ...rows.map((r) => r.id)) + 1, ...media, altText: '' }])
  const remove = (id: number) => onChange(rows.filter((row) => row.id !== id))

  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-semibold">Media</legend>
      {rows.length === 0 && <p className="mb-2 text-sm text-muted">No media attached.</p>}
      {rows.map((row, index) => {
        const at = `${ids}-${row.id}`
        return (
          <div
            key={row.id}
            className="mb-3 grid gap-2 border-b border-border pb-3 sm:grid-cols-[8rem_minmax(0,1fr)_auto] sm:items-end"
            role="group"
            aria-label={`Media ${index + 1}`}
          >
            {row.type === 'image' && isHttp(row.url) && (
              // A preview of what the platforms will download; decorative, the alt text is below.
              <img
                src={row.url}
                alt=""
                className="size-20 rounded-md border border-border object-cover sm:col-span-3"
              />
            )}
            <Field id={`${at}-url`} label={`Media ${index + 1} URL`} className="sm:col-span-3">
              <Input
                id={`${at}-url`}
                type="url"
                inputMode="url"
                value={row.url}
                onChange={(event) => update(row.id, { url: event.target.value })}
                placeholder="https://cdn.example.com/photo.jpg"
              />
            </Field>
            <Field id={`${at}-type`} label="Type">
              <Select
                id={`${at}-type`}
                value={row.type}
                onChange={(event) => update(row.id, { type: event.target.value as MediaType })}
              >
                {MEDIA_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={`${at}-alt`} label="Alt text">
              <Input
                id={`${at}-alt`}
                type="text"
                value={row.altText}
                onChange={(event) => update(row.id, { altText: event.target.value })}
                placeholder="Describe it for people who cannot see it"
              />
            </Field>
            <Button variant="quiet" onClick={() => remove(row.id)}>
              Remove<span className="sr-only"> media {index + 1}</span>
            </Button>
          </div>
        )
      })}
      <div className="flex flex-wrap items-end gap-4">
        <Button size="sm" onClick={() => add()}>
          Add media by URL
        </Button>
        <MediaUpload platforms={platforms} onUploaded={(media) => add(media)} />
      </div>
    </fieldset>
  )
}
