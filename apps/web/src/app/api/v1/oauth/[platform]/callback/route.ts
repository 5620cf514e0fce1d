import { isPlatform } from '@statex/core'
import { forwardToApi } from '@/server/api-proxy'
import { getConfig } from '@/server/config'

/**
 * Where a platform's consent page sends the person back when the API's OAuth callback base is the
 * dashboard's `/api` (STATEX_OAUTH_CALLBACK_BASE_URL=<dashboard>/api): the API exchanges the code, and the
 * person lands on the accounts page with the outcome instead of the API's JSON.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ platform: string }> },
): Promise<Response> {
  const { platform } = await params
  // The public URL, not request.url: behind `next start` that names the listening host, which may
  // differ from the one the session cookie belongs to.
  const back = new URL('/accounts', (await getConfig()).nextauthUrl)
  if (!isPlatform(platform)) {
    back.searchParams.set('connectError', `Unknown platform ${platform}.`)
    return Response.redirect(back, 303)
  }
  const answer = await forwardToApi(request, `/v1/oauth/${platform}/callback`)
  const body = (await answer.json().catch(() => null)) as {
    account?: { displayName?: string }
    error?: { message?: string }
  } | null
  if (answer.ok && body?.account) {
    back.searchParams.set('connected', platform)
    back.searchParams.set('name', body.account.displayName ?? '')
  } else {
    back.searchParams.set(
      'connectError',
      body?.error?.message ?? `The connect failed (${answer.status}); start it again.`,
    )
  }
  return Response.redirect(back, 303)
}
