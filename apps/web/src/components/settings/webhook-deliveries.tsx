'use client'

import { useState } from 'react'
import { toast } from 'sonner'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useTestWebhook, useWebhookDeliveries } from '@/lib/queries/webhook-deliveries'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'

const TONE: Record<string, BadgeTone> = { delivered: 'ok', failed: 'danger', pending: 'info' }
const LABEL: Record<string, string> = {
  delivered: 'Delivered',
  failed: 'Failed',
  pending: 'Retrying',
}

/** An endpoint's delivery log (status, attempts, the answer it gave) and a test send. */
export function WebhookDeliveries({ endpointId }: { endpointId: string }) {
  const [open, setOpen] = useState(false)
  const deliveries = useWebhookDeliveries(endpointId, open)
  const test = useTestWebhook()
  const panelId = `deliveries-${endpointId}`
  return (
    <div className="w-full">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="quiet"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide delivery log' : 'Delivery log'}
        </Button>
        <Button
          size="sm"
          variant="quiet"
          disabled={test.isPending}
          onClick={() =>
            test.mutate(endpointId, {
              onSuccess: () => {
                setOpen(true)
                toast.success('Test event queued; it shows in the log when sent.')
              },
              onError: (e) => toastError('No test sent', e),
            })
          }
        >
          Send test event
        </Button>
      </div>
      {open && (
        <div id={panelId} className="mt-2">
          {deliveries.isPending ? (
            <p aria-busy="true" className="text-sm text-muted">
              Loading deliveries…
            </p>
          ) : deliveries.isError ? (
            <p role="alert" className="text-sm text-danger">
              {deliveries.error.message}
            </p>
          ) : deliveries.data.length === 0 ? (
            <p className="text-sm text-muted">
              Nothing sent yet: events you subscribed to, or a test event, show here.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Recent deliveries, newest first</caption>
                <thead>
                  <tr className="text-muted">
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Event
                    </th>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Status
                    </th>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Attempts
                    </th>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Answer
                    </th>
                    <th scope="col" className="py-1 font-semibold">
                      Sent
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.data.map((d) => (
                    <tr key={d.id} className="border-t border-border align-top">
                      <td className="py-1.5 pr-3">
                        <code>{d.eventType}</code>
                      </td>
                      <td className="py-1.5 pr-3">
                        <Badge tone={TONE[d.status] ?? 'neutral'}>
                          {LABEL[d.status] ?? d.status}
                        </Badge>
                      </td>
                      <td className="py-1.5 pr-3 tabular-nums">{d.attempts}</td>
                      <td className="py-1.5 pr-3 break-words">
                        {d.responseStatus !== null ? `HTTP ${d.responseStatus}` : ''}
                        {d.lastError && <span className="block text-danger">{d.lastError}</span>}
                      </td>
                      <td className="py-1.5">{formatInstant(d.deliveredAt ?? d.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  )
}
