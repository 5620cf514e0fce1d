'use client'

import type { Platform } from '@statex/core'
import { Button } from '@/components/ui/button'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { type AssistTask, useAiAssist } from '@/lib/queries/ai'

const TASKS: { task: AssistTask; label: string }[] = [
  { task: 'rewrite', label: 'Rewrite per platform' },
  { task: 'hashtags', label: 'Suggest hashtags' },
  { task: 'shorten', label: 'Shorten' },
]

/**
 * The composer's AI assist: the post text sent to the API's tier chain for each chosen platform;
 * a suggestion becomes that platform's own text only when the person says so.
 */
export function AiAssist({
  text,
  platforms,
  onUse,
}: {
  text: string
  platforms: Platform[]
  onUse: (platform: Platform, text: string) => void
}) {
  const assist = useAiAssist()
  const ready = text.trim().length > 0 && platforms.length > 0
  return (
    <section aria-label="AI assist" className="rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold">AI assist</span>
        {TASKS.map(({ task, label }) => (
          <Button
            key={task}
            size="sm"
            disabled={!ready || assist.isPending}
            onClick={() => assist.mutate({ text: text.trim(), platforms, task })}
          >
            {label}
          </Button>
        ))}
        {!ready && (
          <span className="text-sm text-muted">Write a text and choose an account first.</span>
        )}
      </div>
      <div aria-live="polite" aria-busy={assist.isPending}>
        {assist.isPending && <p className="mt-2 text-sm text-muted">Asking the AI…</p>}
        {assist.isError && (
          <p role="alert" className="mt-2 text-sm font-medium text-danger">
            {assist.error.message}
          </p>
        )}
        {assist.data && (
          <ul className="mt-2 flex flex-col gap-2">
            {assist.data.map((s) => (
              <li
                key={s.platform}
                className="rounded-md bg-surface-2 p-2"
                data-suggestion={s.platform}
              >
                <p className="text-sm font-semibold">{PLATFORM_LABELS[s.platform as Platform]}</p>
                <p className="my-1 break-words whitespace-pre-wrap">{s.text}</p>
                <div className="flex flex-wrap items-center gap-2">
                  <Button size="sm" onClick={() => onUse(s.platform as Platform, s.text)}>
                    Use for {PLATFORM_LABELS[s.platform as Platform]}
                  </Button>
                  <span className="text-xs text-muted">
                    {s.usage.tier} · {s.usage.model} ·{' '}
                    {s.usage.costUsd ? `$${s.usage.costUsd.toFixed(5)}` : 'no cost'}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
