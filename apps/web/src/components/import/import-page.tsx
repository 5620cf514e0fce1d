'use client'

import Link from 'next/link'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Field, Textarea } from '@/components/ui/field'
import { PageHeader } from '@/components/ui/page-header'
import { ApiCallError } from '@/lib/api'
import { useImportPosts, type ImportMode } from '@/lib/queries/imports'
import { ImportReportTable } from './import-report'

const EXAMPLE = `text,platforms,time
"Launch day, part one",telegram,2030-06-01 09:00
Next in the series,"telegram,whatsapp",next slot`

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

/**
 * Bulk import: the CSV is checked row by row against every target platform's rules first (a dry
 * run), then imported all-or-nothing or valid rows only, as the person chooses.
 */
export function ImportPage() {
  const ids = useId()
  const [csv, setCsv] = useState('')
  const [fileName, setFileName] = useState('')
  const [mode, setMode] = useState<ImportMode>('all-or-nothing')
  const [error, setError] = useState('')
  const check = useImportPosts()
  const run = useImportPosts()
  const report = check.data
  const imported = run.data

  async function onFile(file: File | undefined) {
    if (!file) return
    setFileName(file.name)
    setCsv(await file.text())
    check.reset()
    run.reset()
  }

  function dryRun() {
    if (!csv.trim()) return setError('Choose a CSV file or paste its text first.')
    setError('')
    run.reset()
    check.mutate(
      { csv, dryRun: true, mode, timeZone: zone() },
      { onError: (e) => setError(e instanceof ApiCallError ? e.message : String(e)) },
    )
  }

  function importNow() {
    run.mutate(
      { csv, dryRun: false, mode, timeZone: zone() },
      {
        onSuccess: (answer) =>
          answer.created > 0
            ? toast.success(
                `Imported ${answer.created} ${answer.created === 1 ? 'post' : 'posts'}.`,
              )
            : toast.error('Nothing was imported: every row must be valid in all-or-nothing mode.'),
        onError: (e) => setError(e instanceof ApiCallError ? e.message : String(e)),
      },
    )
  }

  return (
    <>
      <PageHeader
        title="Import posts"
        lead="Upload a CSV: every row is checked against each platform's rules before anything is created."
        actions={
          <Button asChild variant="quiet">
            <Link href="/posts">Back to posts</Link>
          </Button>
        }
      />
      <div className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-4">
        <Field
          id={`${ids}-file`}
          label="CSV file"
          hint="Columns: text, platforms (or accounts), time (or “next slot”; without one, a draft), media, first_comment, text:<platform>. Times without an offset are in your zone."
        >
          <input
            id={`${ids}-file`}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${ids}-file-hint`}
            onChange={(e) => void onFile(e.target.files?.[0])}
            className="text-sm"
          />
        </Field>
        <Field id={`${ids}-csv`} label={fileName ? `Contents of ${fileName}` : 'Or paste the CSV'}>
          <Textarea
            id={`${ids}-csv`}
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value)
              check.reset()
              run.reset()
            }}
            placeholder={EXAMPLE}
            className="font-mono text-sm"
            spellCheck={false}
          />
        </Field>
        {error && (
          <p role="alert" className="rounded-md bg-danger-bg px-3 py-2 font-medium text-danger">
            {error}
          </p>
        )}
        <div>
          <Button variant="primary" disabled={check.isPending} onClick={dryRun}>
            {check.isPending ? 'Checking…' : 'Check rows'}
          </Button>
        </div>
      </div>

      {report && (
        <section aria-labelledby={`${ids}-report`} className="mt-6 flex flex-col gap-3">
          <h2 id={`${ids}-report`} className="text-lg font-semibold">
            {report.total} {report.total === 1 ? 'row' : 'rows'}: {report.valid} valid,{' '}
            {report.invalid} with problems
          </h2>
          <ImportReportTable rows={imported?.rows ?? report.rows} />
          {imported ? (
            <p role="status" className="font-medium">
              {imported.created > 0 ? (
                <>
                  Imported {imported.created} {imported.created === 1 ? 'post' : 'posts'}.{' '}
                  <Link href="/posts" className="underline">
                    See them on the posts page
                  </Link>
                  .
                </>
              ) : (
                'Nothing was imported.'
              )}
            </p>
          ) : (
            <fieldset className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-4">
              <legend className="px-1 font-semibold">What to import</legend>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'all-or-nothing'}
                  onChange={() => setMode('all-or-nothing')}
                  className="mt-1"
                />
                <span>
                  All or nothing
                  <span className="block text-sm text-muted">
                    Import only if every row is valid.
                  </span>
                </span>
              </label>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'valid-rows'}
                  onChange={() => setMode('valid-rows')}
                  className="mt-1"
                />
                <span>
                  Only the valid rows
                  <span className="block text-sm text-muted">
                    Create the {report.valid} valid {report.valid === 1 ? 'row' : 'rows'}; skip the
                    others.
                  </span>
                </span>
              </label>
              <div className="mt-2">
                <Button
                  variant="primary"
                  disabled={
                    run.isPending ||
                    report.valid === 0 ||
                    (mode === 'all-or-nothing' && report.invalid > 0)
                  }
                  onClick={importNow}
                >
                  {run.isPending
                    ? 'Importing…'
                    : mode === 'all-or-nothing'
                      ? `Import all ${report.total}`
                      : `Import ${report.valid} valid ${report.valid === 1 ? 'row' : 'rows'}`}
                </Button>
                {mode === 'all-or-nothing' && report.invalid > 0 && (
                  <p className="mt-1 text-sm text-muted">
                    Fix the rows with problems, or choose “Only the valid rows”.
                  </p>
                )}
              </div>
            </fieldset>
          )}
        </section>
      )}
    </>
  )
}
