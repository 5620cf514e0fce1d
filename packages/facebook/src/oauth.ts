import { ProviderError, type ConnectedAccount } from '@statex/core'
import { facebookLoginPages, type GraphClient } from '@statex/graph'
import { pageSchema } from './schemas.js'

/**
 * What the Pages adapter asks for at login: list and pick Pages, publish, read engagement and
 * insights, moderate and answer comments, and Messenger.
 * @see https://developers.facebook.com/docs/permissions
 */
export const FACEBOOK_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_read_user_engagement',
  'pages_manage_engagement',
  'pages_manage_metadata',
  'pages_messaging',
  'read_insights',
  'publish_video',
] as const

/**
 * The code → short-lived user token → long-lived user token → Page tokens exchange. Page tokens
 * taken from a long-lived user token carry no expiry: they stop working only when the person
 * changes password, loses their role on the Page, removes the app or its permissions, or Meta
 * invalidates the session (then `auth_revoked`, and the Page must be connected again).
 * @see https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived#long-lived-page-token
 */
export async function connectPages(
  app: GraphClient,
  user: (token: string) => GraphClient,
  input: { code: string; redirectUri: string; appId: string; appSecret: string },
): Promise<ConnectedAccount[]> {
  const pages = await facebookLoginPages({
    app,
    user,
    ...input,
    fields: 'id,name,access_token,tasks,category',
    page: pageSchema,
  })
  return pages.map((page) => ({
    platform: 'facebook',
    externalAccountId: page.id,
    displayName: page.name,
    // No expiresAt: a Page token from a long-lived user token does not expire.
    tokens: { accessToken: page.access_token, tokenType: 'bearer' },
    raw: { id: page.id, name: page.name, category: page.category, tasks: page.tasks },
  }))
}

export function noPages(): ProviderError {
  return new ProviderError({
    kind: 'invalid_request',
    platform: 'facebook',
    message:
      'The login granted no Pages: the person must manage at least one Page and select it in the Facebook dialog (pages_show_list).',
  })
}
