import type { ReactNode } from 'react'

export function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string
  title: string
  lead: ReactNode
  children: ReactNode
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-border bg-surface p-4 sm:p-5">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mb-4 text-sm text-muted">{lead}</p>
      {children}
    </section>
  )
}

/** A secret the API shows once: say so, and make it easy to copy. */
export function ShownOnce({ label, value }: { label: string; value: string }) {
  return (
    <div role="status" className="mt-3 rounded-md border border-warn bg-warn-bg p-3 text-warn">
      <p className="mb-1 text-sm font-semibold">{label}: copy it now, it is not shown again.</p>
      <code className="block overflow-x-auto bg-surface px-2 py-1.5 text-fg select-all break-all">
        {value}
      </code>
    </div>
  )
}
