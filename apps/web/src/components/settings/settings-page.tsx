'use client'

import { ErrorState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { useWorkspace } from '@/lib/queries/settings'
import { ApiKeysSection } from './api-keys-section'
import { MembersSection } from './members-section'
import { SlotsSection } from './slots-section'
import { WebhooksSection } from './webhooks-section'

export function SettingsPage() {
  const workspace = useWorkspace()
  if (workspace.isPending)
    return (
      <>
        <PageHeader title="Settings" />
        <SkeletonList label="Loading settings…" />
      </>
    )
  if (workspace.isError)
    return (
      <>
        <PageHeader title="Settings" />
        <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />
      </>
    )
  const owner = workspace.data.role === 'owner'
  return (
    <>
      <PageHeader
        title="Settings"
        lead={
          <>
            {workspace.data.name} · you are {workspace.data.role === 'owner' ? 'an' : 'a'}{' '}
            {workspace.data.role}
            {!owner && '; only owners change these settings.'}
          </>
        }
      />
      <div className="flex flex-col gap-4">
        <MembersSection canManage={owner} />
        <SlotsSection canEdit={workspace.data.role !== 'viewer'} />
        {owner && <ApiKeysSection />}
        {owner && <WebhooksSection />}
      </div>
    </>
  )
}
