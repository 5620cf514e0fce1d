'use client'

import type { Platform } from '@statex/core'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { useAccounts } from '@/lib/queries/accounts'
import {
  type AutoRespondMode,
  type AutoRespondRule,
  useInboxRules,
  useRemoveAccountRule,
} from '@/lib/queries/inbox-rules'
import { toastError } from '@/lib/toast-error'
import { AccountRuleDialog } from './account-rule-dialog'
import { Listed } from './listed'

const MODE_LABELS: Record<AutoRespondMode, string> = {
  off: 'waits for a person',
  suggest: 'drafts for approval',
  auto: 'replies at once',
}

const summary = (rule: AutoRespondRule) =>
  [
    MODE_LABELS[rule.mode],
    rule.keywords.length ? `only on ${rule.keywords.join(', ')}` : null,
    rule.quietStart ? `quiet ${rule.quietStart}–${rule.quietEnd}` : null,
    rule.mode === 'auto' ? `at most ${rule.hourlyCap} an hour` : null,
  ]
    .filter(Boolean)
    .join(' · ')

/**
 * Per-account overrides of the workspace rule: each connected account follows the workspace rule
 * until it is given its own, and goes back to it when that is removed.
 */
export function AccountRules({ canEdit }: { canEdit: boolean }) {
  const accounts = useAccounts()
  const rules = useInboxRules()
  const remove = useRemoveAccountRule()
  const workspaceRule = rules.data?.find((r) => r.accountId === null) ?? null
  return (
    <div className="mt-5 border-t border-border pt-4">
      <h3 className="text-base font-semibold">Per account</h3>
      <p className="mb-3 text-sm text-muted">
        An account uses the workspace rule above unless you give it its own.
      </p>
      <Listed
        query={accounts}
        loading="Loading accounts…"
        empty="No connected accounts yet: connect one in Accounts to give it its own rule."
      >
        {(items) => (
          <ul className="flex flex-col gap-2" aria-busy={rules.isPending}>
            {items.map((account) => {
              const own = rules.data?.find((r) => r.accountId === account.id)
              return (
                <li
                  key={account.id}
                  data-account-rule={account.id}
                  data-platform={account.platform}
                  className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border p-3"
                >
                  <div className="min-w-0">
                    <p className="font-semibold break-words">
                      {account.displayName}{' '}
                      <span className="font-normal text-muted">
                        · {PLATFORM_LABELS[account.platform as Platform]}
                      </span>
                    </p>
                    <p className="text-sm">
                      {own ? (
                        <>
                          <Badge tone="info">Own rule</Badge> {summary(own)}
                        </>
                      ) : (
                        <span className="text-muted">Uses the workspace rule</span>
                      )}
                    </p>
                  </div>
                  {canEdit && rules.isSuccess && (
                    <div className="flex flex-wrap gap-2">
                      <AccountRuleDialog
                        account={account}
                        rule={own ?? workspaceRule}
                        trigger={own ? 'Edit rule' : 'Set own rule'}
                      />
                      {own && (
                        <ConfirmButton
                          size="sm"
                          variant="quiet"
                          title={`Remove ${account.displayName}'s own rule?`}
                          description="The account follows the workspace rule again."
                          confirmLabel="Remove override"
                          // The promise, not mutate's callbacks: the row loses this button as
                          // soon as the rules refetch, and the toast must still say it is done.
                          onConfirm={() =>
                            void remove.mutateAsync(account.id).then(
                              () =>
                                toast.success(
                                  `${account.displayName} uses the workspace rule again.`,
                                ),
                              (error: unknown) => toastError('Override not removed', error),
                            )
                          }
                        >
                          Remove override
                        </ConfirmButton>
                      )}
                    </div>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </Listed>
    </div>
  )
}
