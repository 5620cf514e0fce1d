'use client'

import { useId, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Field, Input, Textarea } from '@/components/ui/field'
import { Listed } from './listed'
import { useAddKnowledge, useDeleteKnowledge, useKnowledge } from '@/lib/queries/ai-settings'
import { toastError } from '@/lib/toast-error'

/** Short FAQ entries AI replies may quote: the relevant ones are found by full-text search. */
export function KnowledgeList({ canEdit }: { canEdit: boolean }) {
  const ids = useId()
  const entries = useKnowledge()
  const add = useAddKnowledge()
  const remove = useDeleteKnowledge()
  const [question, setQuestion] = useState('')
  const [answer, setAnswer] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const onAdd = async (event: FormEvent) => {
    event.preventDefault()
    if (!question.trim() || !answer.trim()) {
      setProblem('Write both the question and its answer.')
      return
    }
    setProblem(null)
    try {
      await add.mutateAsync({ question: question.trim(), answer: answer.trim() })
      setQuestion('')
      setAnswer('')
      toast.success('FAQ entry added.')
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <div className="mt-5 border-t border-border pt-4">
      <h3 className="text-base font-semibold">What AI replies may quote</h3>
      <p className="mb-3 text-sm text-muted">
        Short questions and answers about your business; a draft quotes the ones that match the
        message.
      </p>
      <Listed
        query={entries}
        loading="Loading FAQ entries…"
        empty="No entries yet: add the questions people ask most."
      >
        {(items) => (
          <ul className="mb-3 flex flex-col gap-2">
            {items.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-wrap items-start justify-between gap-2 rounded-md border border-border p-3"
              >
                <div className="min-w-0">
                  <p className="font-semibold break-words">{entry.question}</p>
                  <p className="text-sm break-words whitespace-pre-line">{entry.answer}</p>
                </div>
                {canEdit && (
                  <Button
                    size="sm"
                    variant="quiet"
                    onClick={() =>
                      remove.mutate(entry.id, {
                        onError: (error) => toastError('Could not delete the entry', error),
                      })
                    }
                  >
                    Delete<span className="sr-only"> "{entry.question}"</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Listed>
      {canEdit && (
        <form onSubmit={(e) => void onAdd(e)} noValidate className="grid gap-3 sm:grid-cols-2">
          <Field id={`${ids}-q`} label="Question">
            <Input id={`${ids}-q`} value={question} onChange={(e) => setQuestion(e.target.value)} />
          </Field>
          <Field id={`${ids}-a`} label="Answer">
            <Textarea
              id={`${ids}-a`}
              className="min-h-20"
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
            />
          </Field>
          {problem && (
            <p role="alert" className="text-sm text-danger sm:col-span-2">
              {problem}
            </p>
          )}
          <div>
            <Button size="sm" type="submit" disabled={add.isPending}>
              Add FAQ entry
            </Button>
          </div>
        </form>
      )}
    </div>
  )
}
