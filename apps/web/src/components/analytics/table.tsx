import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

export interface Column<Row> {
  label: string
  cell: (row: Row) => ReactNode
  /** Numbers right-aligned, in tabular figures. */
  numeric?: boolean
}

/** A captioned table in a region a keyboard can scroll sideways (phones). */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowHeader = true,
}: {
  caption: string
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string
  /** The first column names the row (a `th`). */
  rowHeader?: boolean
}) {
  return (
    <div
      className="overflow-x-auto rounded-lg border border-border bg-surface"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-2 text-left">
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={cn('px-3 py-2 whitespace-nowrap', c.numeric && 'text-right')}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-t border-border">
              {columns.map((c, i) =>
                i === 0 && rowHeader ? (
                  <th key={c.label} scope="row" className="px-3 py-2 text-left font-semibold">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.label}
                    className={cn(
                      'px-3 py-2',
                      c.numeric && 'text-right whitespace-nowrap tabular-nums',
                    )}
                  >
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-3">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-muted">{hint}</dd>}
    </div>
  )
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mb-8" aria-label={title}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  )
}

/** What a section shows when the period holds nothing for it: said plainly, never sample data. */
export function Nothing({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-border bg-surface px-4 py-3 text-muted">
      {children}
    </p>
  )
}
