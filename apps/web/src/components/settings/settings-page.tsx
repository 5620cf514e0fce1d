'use client'

import dynamic from 'next/dynamic'
import { ErrorState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { useWorkspace } from '@/lib/queries/settings'

// Each section is a form (react-hook-form, zod): they load beside the workspace query, not
// before the page shows.
const loading = () => <SkeletonList rows={1} label="Loading…" />
const MembersSection = dynamic(() => import('./members-section').then((m) => m.MembersSection), {
  loading,
})
const SlotsSection = dynamic(() => import('./slots-section').then((m) => m.SlotsSection), {
  loading,
})
const ApiKeysSection = dynamic(() => import('./api-keys-section').then((m) => m.ApiKeysSection), {
  loading,
})
const NotificationsSection = dynamic(
  () => import('./notifications-section').then((m) => m.NotificationsSection),
  { loading },
)
const AiRepliesSection = dynamic(
  () => import('./ai-replies-section').then((m) => m.AiRepliesSection),
  { loading },
)
const FeedsSection = dynamic(() => import('./feeds-section').then((m) => m.FeedsSection), {
  loading,
})
const WebhooksSection = dynamic(() => import('./webhooks-section').then((m) => m.WebhooksSection), {
  loading,
})

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
        <NotificationsSection />
        <AiRepliesSection canEdit={workspace.data.role !== 'viewer'} />
        {owner && <ApiKeysSection />}
        {owner && <WebhooksSection />}
        <FeedsSection canEdit={workspace.data.role !== 'viewer'} />
      </div>
    </>
  )
}
