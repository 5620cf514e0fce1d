'use client'

import { type KeyboardEvent, useId, useState } from 'react'
import { Input, Label } from '@/components/ui/field'
import { cn } from '@/lib/cn'

/** PATCH /v1/conversations/:id takes at most 20 labels of 1–40 characters. */
const MAX_LABELS = 20
const MAX_LENGTH = 40
const MAX_SUGGESTIONS = 8

/**
 * A conversation's labels as chips, and a combobox (the ARIA 1.2 pattern: focus stays in the
 * input, arrows move through the suggestions) that suggests the labels already in use. Enter or a
 * comma adds the highlighted suggestion or the typed text; Backspace in an empty box removes the
 * last label. Each change is reported at once: labels have nothing to "save".
 */
export function LabelInput({
  labels,
  suggestions,
  disabled,
  onAdd,
  onRemove,
}: {
  labels: string[]
  suggestions: string[]
  disabled?: boolean
  onAdd: (label: string) => void
  onRemove: (label: string) => void
}) {
  const ids = useId()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [error, setError] = useState<string | null>(null)
  const typed = text.trim()
  const options = suggestions
    .filter((s) => !labels.includes(s) && s.toLowerCase().includes(typed.toLowerCase()))
    .slice(0, MAX_SUGGESTIONS)
  const expanded = open && options.length > 0

  function add(label: string) {
    const value = label.trim()
    if (!value) return
    if (value.length > MAX_LENGTH)
      return setError(`A label has at most ${MAX_LENGTH} characters; shorten “${value}”.`)
    if (labels.length >= MAX_LABELS)
      return setError(`A conversation has at most ${MAX_LABELS} labels; remove one first.`)
    setError(null)
    setText('')
    setActive(-1)
    if (!labels.includes(value)) onAdd(value)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setOpen(true)
      if (options.length === 0) return
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (i + step + options.length) % options.length)
    } else if (e.key === 'Enter' || e.key === ',') {
      if (!typed && !(expanded && active >= 0)) return
      e.preventDefault()
      add(expanded && active >= 0 ? options[active]! : typed)
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault()
      setOpen(false)
      setActive(-1)
    } else if (e.key === 'Backspace' && !text && labels.length > 0) {
      onRemove(labels.at(-1)!)
    }
  }

  return (
    <div className="flex min-w-0 flex-col gap-1">
      <Label htmlFor={`${ids}-input`}>Labels</Label>
      {labels.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Labels on this conversation">
          {labels.map((label) => (
            <li
              key={label}
              data-label={label}
              className="inline-flex items-center gap-1 rounded-full bg-info-bg py-0.5 pr-1 pl-2.5 text-sm text-info"
            >
              {label}
              <button
                type="button"
                className="rounded-full px-1.5 leading-5 hover:bg-surface disabled:opacity-50"
                aria-label={`Remove label ${label}`}
                disabled={disabled}
                onClick={() => onRemove(label)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <Input
          id={`${ids}-input`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${ids}-list`}
          aria-activedescendant={expanded && active >= 0 ? `${ids}-opt-${active}` : undefined}
          aria-describedby={`${ids}-hint${error ? ` ${ids}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          placeholder="Add a label"
          value={text}
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
            setActive(-1)
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul
          id={`${ids}-list`}
          role="listbox"
          aria-label="Labels in use"
          className={cn(
            'absolute inset-x-0 top-full z-10 mt-1 max-h-60 overflow-y-auto rounded-md border border-border bg-surface py-1 shadow-lg',
            !expanded && 'hidden',
          )}
        >
          {options.map((option, i) => (
            <li
              key={option}
              id={`${ids}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={cn('cursor-pointer px-3 py-1.5 text-sm', i === active && 'bg-surface-2')}
              // mousedown, not click: the input keeps focus, so the list does not close first.
              onMouseDown={(e) => {
                e.preventDefault()
                add(option)
              }}
            >
              {option}
            </li>
          ))}
        </ul>
      </div>
      <p id={`${ids}-hint`} className="text-sm text-muted">
        Enter adds a label, the arrows pick one already in use, Backspace removes the last.
      </p>
      {error && (
        <p id={`${ids}-error`} role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  )
}
