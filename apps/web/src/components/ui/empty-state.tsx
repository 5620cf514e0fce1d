import type { ReactNode } from 'react'

/** What is missing and what to do next; never sample data. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string
  children?: ReactNode
  action?: ReactNode
}) {
  return (
    <div className="rounded-lg border border-dashed border-border bg-surface px-5 py-8 text-center">
      <h2 className="mb-1 text-lg font-semibold">{title}</h2>
      {children && <div className="mx-auto max-w-prose text-muted">{children}</div>}
      {action && <div className="mt-4 flex justify-center gap-2">{action}</div>}
    </div>
  )
}

/** An API call that failed: what happened and how to try again. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-danger bg-danger-bg px-4 py-3 text-danger"
    >
      <p className="font-semibold">Could not load this: {error.message}</p>
      {onRetry && (
        <button type="button" className="mt-1 font-semibold underline" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
