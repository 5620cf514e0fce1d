import { Badge } from '@/components/ui/badge'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { formatInstant } from '@/lib/time'
import type { Platform } from '@statex/core'

export interface ReportRow {
  row: number
  valid: boolean
  postId: string | null
  scheduledAt: string | null
  targets: number
  problems: { column: string; message: string; platform?: Platform | undefined }[]
}

/** One line per CSV row: valid or what to fix, per column and platform. */
export function ImportReportTable({ rows }: { rows: readonly ReportRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Every row of the file and its problems</caption>
        <thead className="bg-surface-2">
          <tr>
            <th scope="col" className="px-3 py-2">
              Row
            </th>
            <th scope="col" className="px-3 py-2">
              Result
            </th>
            <th scope="col" className="px-3 py-2">
              Details
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} data-row={r.row} className="border-t border-border align-top">
              <td className="px-3 py-2 tabular-nums">{r.row}</td>
              <td className="px-3 py-2">
                {r.postId ? (
                  <Badge tone="ok">Imported</Badge>
                ) : r.valid ? (
                  <Badge tone="ok">Valid</Badge>
                ) : (
                  <Badge tone="danger">Problems</Badge>
                )}
              </td>
              <td className="px-3 py-2">
                {r.valid ? (
                  <span className="text-muted">
                    {r.targets} {r.targets === 1 ? 'target' : 'targets'},{' '}
                    {r.scheduledAt ? formatInstant(r.scheduledAt) : 'draft'}
                  </span>
                ) : (
                  <ul className="flex flex-col gap-1">
                    {r.problems.map((p, i) => (
                      <li key={i}>
                        <span className="font-semibold">
                          {p.column}
                          {p.platform ? ` (${PLATFORM_LABELS[p.platform]})` : ''}:
                        </span>{' '}
                        {p.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
