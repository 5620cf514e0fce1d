'use client'

import { useId } from 'react'
import type { MediaType } from '@statex/core'
import type { MediaRow } from './preview-model'

const MEDIA_TYPES: readonly MediaType[] = ['image', 'video', 'document']

interface MediaRowsProps {
  rows: readonly MediaRow[]
  onChange: (rows: MediaRow[]) => void
}

/** Media as URLs the platforms will download at publish time; uploads arrive with the media library. */
export function MediaRows({ rows, onChange }: MediaRowsProps) {
  const ids = useId()
  const update = (id: number, patch: Partial<MediaRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)))
  const add = () =>
    onChange([
      ...rows,
      { id: Math.max(0, ...rows.map((r) => r.id)) + 1, url: '', type: 'image', altText: '' },
    ])
  const remove = (id: number) => onChange(rows.filter((row) => row.id !== id))

  return (
    <fieldset className="media">
      <legend>Media</legend>
      {rows.length === 0 && <p className="note">No media attached.</p>}
      {rows.map((row, index) => {
        const at = `${ids}-${row.id}`
        return (
          <div key={row.id} className="media-row" role="group" aria-label={`Media ${index + 1}`}>
            <div className="field url">
              <label htmlFor={`${at}-url`}>Media {index + 1} URL</label>
              <input
                id={`${at}-url`}
                type="url"
                inputMode="url"
                value={row.url}
                onChange={(event) => update(row.id, { url: event.target.value })}
                placeholder="https://cdn.example.com/photo.jpg"
              />
            </div>
            <div className="field type">
              <label htmlFor={`${at}-type`}>Type</label>
              <select
                id={`${at}-type`}
                value={row.type}
                onChange={(event) => update(row.id, { type: event.target.value as MediaType })}
              >
                {MEDIA_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </select>
            </div>
            <div className="field alt">
              <label htmlFor={`${at}-alt`}>Alt text</label>
              <input
                id={`${at}-alt`}
                type="text"
                value={row.altText}
                onChange={(event) => update(row.id, { altText: event.target.value })}
                placeholder="Describe it for people who cannot see it"
              />
            </div>
            <button type="button" className="button quiet" onClick={() => remove(row.id)}>
              Remove<span className="visually-hidden"> media {index + 1}</span>
            </button>
          </div>
        )
      })}
      <button type="button" className="button" onClick={add}>
        Add media
      </button>
    </fieldset>
  )
}
