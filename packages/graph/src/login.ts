import { ProviderError, type Platform } from '@statex/core'
import { z } from 'zod'
import type { GraphClient } from './client.js'
import { listSchema } from './schemas.js'

/**
 * The Facebook Login dialog URL, e.g. `https://www.facebook.com/v23.0/dialog/oauth?client_id=…`.
 * @see https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#login
 */
export function facebookLoginUrl(input: {
  dialogBaseUrl?: string
  apiVersion: string
  appId: string
  redirectUri: string
  state: string
  scopes: readonly string[]
}): URL {
  const origin = (input.dialogBaseUrl ?? 'https://www.facebook.com').replace(/\/+$/, '')
  const url = new URL(`${origin}/${input.apiVersion}/dialog/oauth`)
  url.searchParams.set('client_id', input.appId)
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('state', input.state)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', input.scopes.join(','))
  return url
}

/**
 * A Meta adapter's `getAuthorizationUrl`: the Facebook Login dialog for its app (`appId` checked
 * at each call, as `metaAppCredentials` does), asking for `defaultScopes` unless the caller names
 * others.
 */
export function facebookLoginAuthorization(input: {
  platform: Platform
  options: { appId?: string; appSecret?: string; dialogBaseUrl?: string }
  apiVersion: string
  defaultScopes: readonly string[]
}) {
  const { platform, options } = input
  return (request: { state: string; redirectUri: string; scopes?: string[] }): URL =>
    facebookLoginUrl({
      ...(options.dialogBaseUrl ? { dialogBaseUrl: options.dialogBaseUrl } : {}),
      apiVersion: input.apiVersion,
      appId: metaAppCredentials(platform, options).appId,
      redirectUri: request.redirectUri,
      state: request.state,
      scopes: request.scopes ?? input.defaultScopes,
    })
}

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
})

/**
 * Code → short-lived user token → long-lived user token (about 60 days) → the Pages the person
 * granted, read from `/me/accounts` with `fields`. Page tokens read with a long-lived user token
 * carry no expiry.
 * @see https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
export async function facebookLoginPages<T extends z.ZodType>(input: {
  /** A client without a token (the app's credentials go in the query). */
  app: GraphClient
  /** A client for the long-lived user token. */
  user: (token: string) => GraphClient
  appId: string
  appSecret: string
  code: string
  redirectUri: string
  /** `/me/accounts` fields, e.g. `id,name,access_token,tasks`. */
  fields: string
  page: T
  signal?: AbortSignal
}): Promise<z.infer<T>[]> {
  const credentials = { client_id: input.appId, client_secret: input.appSecret }
  const short = await input.app.call({
    method: 'GET',
    path: '/oauth/access_token',
    query: { ...credentials, redirect_uri: input.redirectUri, code: input.code },
    signal: input.signal,
    schema: tokenSchema,
    expected: 'no access_token for the code',
  })
  const long = await input.app.call({
    method: 'GET',
    path: '/oauth/access_token',
    query: {
      ...credentials,
      grant_type: 'fb_exchange_token',
      fb_exchange_token: short.access_token,
    },
    signal: input.signal,
    schema: tokenSchema,
    expected: 'no long-lived access_token',
  })
  const pages = await input.user(long.access_token).call({
    method: 'GET',
    path: '/me/accounts',
    query: { fields: input.fields, limit: 100 },
    signal: input.signal,
    schema: listSchema(input.page),
    expected: 'no data[] of pages',
  })
  return pages.data
}

/**
 * The Meta app's id and secret for login, or a clear `invalid_request` naming the options to set.
 */
export function metaAppCredentials(
  platform: Platform,
  options: { appId?: string; appSecret?: string },
): { appId: string; appSecret: string } {
  if (!options.appId || !options.appSecret)
    throw new ProviderError({
      kind: 'invalid_request',
      platform,
      message: `Login needs the Meta app's id and secret (${platform}({ appId, appSecret })).`,
    })
  return { appId: options.appId, appSecret: options.appSecret }
}
