'use client'

import { useEffect, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { Textarea } from '@/components/ui/field'
import { cn } from '@/lib/cn'
import type { XThread } from './composer-values'
import { X_LIMIT, joinParts, moved, partWeight, threadFrom } from './thread-model'

type Focusable = 'text' | 'up' | 'down'

/**
 * X's text as a thread: one textarea per post with its own count as X weighs it, posts added,
 * removed and moved by buttons (keyboard focus follows the post that moved), and "Split for me",
 * which splits the whole thread's text anew at paragraphs, sentences, then words.
 */
export function ThreadEditor({
  id,
  thread,
  link,
  onChange,
  focusFirst,
  onFocused,
}: {
  id: string
  thread: XThread
  /** The post's link: X gets it at the end of the first post, so a split leaves room for it. */
  link: string
  onChange: (thread: XThread) => void
  /** Put the focus in the first post once shown (the thread was just made from a button). */
  focusFirst: boolean
  onFocused: () => void
}) {
  const elements = useRef(new Map<string, HTMLElement>())
  const focusNext = useRef<{ id: number; on: Focusable } | null>(null)
  const ref = (partId: number, on: Focusable) => (el: HTMLElement | null) => {
    if (el) elements.current.set(`${partId}-${on}`, el)
    else elements.current.delete(`${partId}-${on}`)
  }
  useEffect(() => {
    const want = focusNext.current
    if (want) {
      focusNext.current = null
      const el = elements.current.get(`${want.id}-${want.on}`)
      // A post moved to an end has that arrow disabled: the other arrow keeps the focus.
      const other = elements.current.get(`${want.id}-${want.on === 'up' ? 'down' : 'up'}`)
      if (el && !(el as HTMLButtonElement).disabled) el.focus()
      else other?.focus()
    }
  })
  useEffect(() => {
    const first = thread.parts[0]
    if (focusFirst && first) {
      elements.current.get(`${first.id}-text`)?.focus()
      onFocused()
    }
  }, [focusFirst, onFocused, thread.parts])

  const parts = thread.parts
  const total = parts.length
  const change = (patch: Partial<XThread>) => onChange({ ...thread, ...patch })
  const move = (from: number, to: number, on: Focusable) => {
    focusNext.current = { id: parts[from]!.id, on }
    change({ parts: moved(parts, from, to) })
  }
  const remove = (index: number) => {
    const stays = parts[index === 0 ? 1 : index - 1]
    if (stays) focusNext.current = { id: stays.id, on: 'text' }
    change({ parts: parts.filter((_, i) => i !== index) })
  }
  const add = () => {
    const next = Math.max(0, ...parts.map((p) => p.id)) + 1
    focusNext.current = { id: next, on: 'text' }
    change({ parts: [...parts, { id: next, text: '' }] })
  }
  const split = () => {
    const made = threadFrom(joinParts(parts), thread.numbered, link)
    if (made.parts[0]) focusNext.current = { id: made.parts[0].id, on: 'text' }
    onChange(made)
  }

  return (
    <div className="mt-2 flex flex-col gap-3" role="group" aria-labelledby={`${id}-title`}>
      <div>
        <p id={`${id}-title`} className="text-sm font-semibold">
          Thread for X
        </p>
        <p id={`${id}-hint`} className="text-sm text-muted">
          Each post is published as a reply to the one before. Media attach to the first post.
        </p>
      </div>
      <ol className="flex flex-col gap-3">
        {parts.map((part, i) => {
          const at = `${id}-${part.id}`
          const weight = partWeight(thread, i)
          const over = weight > X_LIMIT
          const label = `Post ${i + 1} of ${total}`
          return (
            <li
              key={part.id}
              data-thread-part={i + 1}
              className="flex flex-col gap-1 rounded-md border border-border p-2"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <label htmlFor={at} className="text-sm font-semibold">
                  {label}
                </label>
                <span
                  id={`${at}-count`}
                  className={cn(
                    'text-sm tabular-nums',
                    over ? 'font-semibold text-danger' : 'text-muted',
                  )}
                >
                  {weight}/{X_LIMIT}
                  {over && ` over by ${weight - X_LIMIT}`}
                  {thread.numbered && <span className="sr-only">, with its number</span>}
                </span>
              </div>
              <Textarea
                id={at}
                ref={ref(part.id, 'text')}
                rows={3}
                className="min-h-20"
                value={part.text}
                aria-invalid={over || undefined}
                aria-describedby={`${at}-count ${id}-hint`}
                onChange={(event) =>
                  change({
                    parts: parts.map((p) =>
                      p.id === part.id ? { ...p, text: event.target.value } : p,
                    ),
                  })
                }
              />
              <div className="flex flex-wrap gap-1">
                <Button
                  size="sm"
                  variant="quiet"
                  ref={ref(part.id, 'up')}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1, 'up')}
                >
                  ↑ Move up<span className="sr-only"> post {i + 1}</span>
                </Button>
                <Button
                  size="sm"
                  variant="quiet"
                  ref={ref(part.id, 'down')}
                  disabled={i === total - 1}
                  onClick={() => move(i, i + 1, 'down')}
                >
                  ↓ Move down<span className="sr-only"> post {i + 1}</span>
                </Button>
                <Button size="sm" variant="quiet" disabled={total === 1} onClick={() => remove(i)}>
                  Remove<span className="sr-only"> post {i + 1}</span>
                </Button>
              </div>
            </li>
          )
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={add}>
          Add post
        </Button>
        <Button size="sm" onClick={split}>
          Split for me
        </Button>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-accent"
            checked={thread.numbered}
            onChange={(event) => change({ numbered: event.target.checked })}
          />
          Number the posts (1/{total}, 2/{total}…)
        </label>
      </div>
    </div>
  )
}
