'use client'

import type { Platform } from '@statex/core'
import dynamic from 'next/dynamic'
import { useRouter, useSearchParams } from 'next/navigation'
import { useEffect } from 'react'
import { toast } from 'sonner'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { ApiCallError } from '@/lib/api'
import { PLATFORM_COLORS, PLATFORM_LABELS, PLATFORM_LIST } from '@/lib/platforms'
import {
  useAccounts,
  useDisconnect,
  usePlatforms,
  useStartOAuth,
  type Account,
} from '@/lib/queries/accounts'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'

// Both dialogs (Radix) load after the page is interactive, as on /posts: with them /accounts
// was just over the 200 kB first-load aim. A box of the button's size holds its place meanwhile.
const ConnectTokenDialog = dynamic(
  () => import('./connect-token-dialog').then((m) => m.ConnectTokenDialog),
  { ssr: false, loading: () => <span aria-hidden="true" className="inline-block h-8 w-36" /> },
)
const ConfirmButton = dynamic(
  () => import('@/components/ui/confirm-button').then((m) => m.ConfirmButton),
  { ssr: false, loading: () => <span aria-hidden="true" className="inline-block h-8 w-24" /> },
)

const HEALTH: Record<Account['health']['state'], { label: string; tone: BadgeTone }> = {
  ok: { label: 'Healthy', tone: 'ok' },
  expiring: { label: 'Token expires soon', tone: 'warn' },
  expired: { label: 'Token expired', tone: 'danger' },
  needs_reconnect: { label: 'Reconnect needed', tone: 'danger' },
  disabled: { label: 'Disconnected', tone: 'neutral' },
}

function OAuthButton({ platform, label }: { platform: Platform; label: string }) {
  const start = useStartOAuth()
  return (
    <Button
      variant="primary"
      size="sm"
      disabled={start.isPending}
      onClick={() =>
        start.mutate(platform, {
          onError: (e) => toastError(`Could not start ${PLATFORM_LABELS[platform]}`, e),
        })
      }
    >
      {start.isPending ? 'Opening…' : label}
    </Button>
  )
}

function AccountRow({ account, oauth }: { account: Account; oauth: boolean }) {
  const disconnect = useDisconnect()
  const health = HEALTH[account.health.state]
  const reconnect = account.health.state !== 'ok' && account.health.state !== 'disabled'
  const doDisconnect = (cancelScheduled: boolean) =>
    disconnect.mutate(
      { id: account.id, cancelScheduled },
      {
        onSuccess: (answer) =>
          toast.success(
            `${account.displayName} disconnected${answer.cancelledTargets.length ? `; ${answer.cancelledTargets.length} scheduled posts became drafts` : ''}.`,
          ),
        onError: (error) => {
          if (error instanceof ApiCallError && error.code === 'ACCOUNT_HAS_SCHEDULED_POSTS')
            toast.error(`${error.message} Disconnect again and choose to unschedule them.`)
          else toastError('Could not disconnect', error)
        },
      },
    )
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 border-t border-border py-3 first:border-t-0"
      data-account-platform={account.platform}
    >
      <div className="min-w-0">
        <p className="font-semibold">
          {account.displayName}
          {account.handle && (
            <span className="font-normal text-muted"> @{account.handle.replace(/^@/, '')}</span>
          )}
        </p>
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
          <Badge tone={health.tone}>{health.label}</Badge>
          {account.health.tokenExpiresAt && (
            <span>token until {formatInstant(account.health.tokenExpiresAt)}</span>
          )}
          {account.health.lastError && (
            <span className="text-danger">{account.health.lastError}</span>
          )}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        {reconnect &&
          (oauth ? (
            <OAuthButton platform={account.platform} label="Reconnect" />
          ) : (
            <ConnectTokenDialog platform={account.platform} />
          ))}
        <ConfirmButton
          size="sm"
          variant="danger"
          title={`Disconnect ${account.displayName}?`}
          description="Posts scheduled on it are kept as drafts; its published posts keep their history."
          confirmLabel="Disconnect"
          onConfirm={() => doDisconnect(true)}
        >
          Disconnect
        </ConfirmButton>
      </div>
    </li>
  )
}

export function AccountsPage() {
  const accounts = useAccounts()
  const platforms = usePlatforms()
  const params = useSearchParams()
  const router = useRouter()

  // Back from a consent page: say how it went once, then drop the query from the URL.
  useEffect(() => {
    const connected = params.get('connected')
    const failed = params.get('connectError')
    if (!connected && !failed) return
    if (connected)
      toast.success(
        `${PLATFORM_LABELS[connected as Platform] ?? connected} connected${params.get('name') ? `: ${params.get('name')}` : ''}.`,
      )
    if (failed) toast.error(failed)
    router.replace('/accounts')
  }, [params, router])

  const byPlatform = new Map<Platform, Account[]>()
  for (const a of accounts.data ?? [])
    byPlatform.set(a.platform, [...(byPlatform.get(a.platform) ?? []), a])
  const available = new Map((platforms.data ?? []).map((p) => [p.platform, p.connection]))

  return (
    <>
      <PageHeader
        title="Accounts"
        lead="The accounts posts go to, and whether each one still works."
      />
      {accounts.isPending || platforms.isPending ? (
        <SkeletonList label="Loading accounts…" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : platforms.isError ? (
        <ErrorState error={platforms.error} onRetry={() => void platforms.refetch()} />
      ) : available.size === 0 ? (
        <EmptyState title="No platform is configured on this server">
          Set a platform&apos;s credentials for the API (or run it in sandbox mode), then reload.
        </EmptyState>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {PLATFORM_LIST.filter((p) => available.has(p)).map((platform) => {
            const list = byPlatform.get(platform) ?? []
            const oauth = available.get(platform) === 'oauth'
            const label = PLATFORM_LABELS[platform]
            return (
              <section
                key={platform}
                aria-labelledby={`platform-${platform}`}
                className="rounded-lg border border-border bg-surface p-4"
                data-platform={platform}
              >
                <header className="mb-2 flex items-center justify-between gap-2">
                  <h2
                    id={`platform-${platform}`}
                    className="flex items-center gap-2 text-lg font-semibold"
                  >
                    <span
                      aria-hidden="true"
                      className="size-3 shrink-0 rounded-full ring-1 ring-field"
                      style={{ background: PLATFORM_COLORS[platform] }}
                    />
                    {label}
                  </h2>
                  {oauth ? (
                    <OAuthButton platform={platform} label={`Connect ${label}`} />
                  ) : (
                    <ConnectTokenDialog platform={platform} />
                  )}
                </header>
                {list.length === 0 ? (
                  <p className="text-sm text-muted">
                    Not connected.{' '}
                    {oauth
                      ? `Connect signs you in on ${label} and asks you to allow posting.`
                      : `Connect with a token from ${label}.`}
                  </p>
                ) : (
                  <ul aria-label={`${label} accounts`}>
                    {list.map((a) => (
                      <AccountRow key={a.id} account={a} oauth={oauth} />
                    ))}
                  </ul>
                )}
              </section>
            )
          })}
        </div>
      )}
    </>
  )
}
