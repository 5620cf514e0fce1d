import type { Metadata } from 'next'
import { Composer } from '@/components/composer/composer'
import { PageHeader } from '@/components/ui/page-header'
import { requireSession } from '@/server/session'

interface Props {
  searchParams: Promise<{ edit?: string | string[] }>
}

async function editIdOf(props: Props): Promise<string | undefined> {
  const edit = (await props.searchParams).edit
  return (Array.isArray(edit) ? edit[0] : edit) || undefined
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await editIdOf(props)) ? 'Edit post' : 'Compose' }
}

export default async function ComposePage(props: Props) {
  const editId = await editIdOf(props)
  await requireSession(editId ? `/compose?edit=${encodeURIComponent(editId)}` : '/compose')
  return (
    <>
      <PageHeader
        title={editId ? 'Edit post' : 'Compose'}
        lead={
          editId
            ? 'Change the text, the per-platform versions or the time; accounts that already have it keep what is live.'
            : 'Write once; see how each platform counts and what it would refuse, before anything is sent.'
        }
      />
      <Composer editId={editId} />
    </>
  )
}
