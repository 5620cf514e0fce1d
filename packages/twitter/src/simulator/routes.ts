import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { PROBLEMS, xErrors } from './errors.js'
import { mediaRoute } from './media.js'
import { authorizePage, tokenEndpoint } from './oauth.js'
import { checkRequest } from './openapi.js'
import type { SimAccount, SimTweet, XState } from './state.js'
import { createTweet, sendDm, withDailyCap } from './tweets.js'
import {
  decode,
  fieldsOf,
  includesUsers,
  iso,
  listTweets,
  page,
  tweetJson,
  userJson,
} from './wire.js'

export { renderXFault, xErrors } from './errors.js'
export { sendDm } from './tweets.js'

export interface RouteOptions {
  /**
   * Posts an account may create per 24 hours (X's per-user cap on POST /2/tweets, which depends on
   * the plan); undefined: no cap. Answers carry `x-user-limit-24hour-limit/remaining/reset`.
   */
  dailyPostCap?: number
  /** Refuse a post whose text equals one the account posted within this window (X's duplicate rule). */
  duplicateWindowMs: number
  /** Requests that did not validate against the OpenAPI file, for tests to assert none. */
  invalidRequests: { method: string; url: string; problems: string[] }[]
}

/** Routes one request: OAuth pages, then OpenAPI validation, bearer auth and scopes, then the operation. */
export function createXHandler(state: XState, options: RouteOptions, connect: () => SimAccount) {
  return (request: RecordedRequest): SimResponse => {
    const hosted = state.hostedFiles.serve(request.path)
    if (hosted) return hosted
    if (request.method === 'GET' && request.path === '/i/oauth2/authorize')
      return authorizePage(state, request, connect)
    if (request.method === 'POST' && request.path === '/2/oauth2/token')
      return tokenEndpoint(state, request)

    const check = checkRequest({
      method: request.method,
      path: request.path,
      query: request.query,
      body: request.body,
      contentType: request.headers['content-type'] as string | undefined,
    })
    if (check.problems.length) {
      options.invalidRequests.push({
        method: request.method,
        url: request.url,
        problems: check.problems,
      })
      return xErrors.invalid(check.problems)
    }
    const op = check.matched!
    const auth = String(request.headers.authorization ?? '')
    const account = auth.startsWith('Bearer ') ? state.accountByToken(auth.slice(7)) : undefined
    if (
      !account ||
      account.revoked ||
      account.expired ||
      (account.accessExpiresAt !== undefined && state.clock.now() > account.accessExpiresAt)
    )
      return xErrors.unauthorized()
    const missing = op.scopes.filter((s) => !account.scopes.has(s))
    if (missing.length) return xErrors.forbidden('Forbidden')

    const key = `${request.method} ${op.template}`
    const body = (request.body ?? {}) as Record<string, unknown>
    switch (key) {
      case 'POST /2/tweets':
        return withDailyCap(state, account, options, () =>
          createTweet(state, account, body, options),
        )
      case 'DELETE /2/tweets/{id}': {
        const tweet = state.tweets.get(op.params.id!)
        if (!tweet || tweet.deleted) return { status: 200, body: { data: { deleted: false } } }
        if (tweet.author_id !== account.id)
          return xErrors.forbidden('You are not allowed to delete a Tweet that is not yours.')
        tweet.deleted = true
        return { status: 200, body: { data: { deleted: true } } }
      }
      case 'GET /2/tweets': {
        const ids = request.query.get('ids')!.split(',')
        const fields = fieldsOf(request, 'tweet.fields')
        const found = ids
          .map((id) => state.tweets.get(id))
          .filter((t): t is SimTweet => !!t && !t.deleted)
        const missingIds = ids.filter((id) => !found.some((t) => t.id === id))
        return {
          status: 200,
          body: {
            ...(found.length
              ? { data: found.map((t) => tweetJson(state, t, fields, account)) }
              : {}),
            ...(missingIds.length
              ? {
                  errors: missingIds.map((id) => ({
                    value: id,
                    detail: `Could not find tweet with ids: [${id}].`,
                    title: 'Not Found Error',
                    resource_type: 'tweet',
                    parameter: 'ids',
                    resource_id: id,
                    type: `${PROBLEMS}resource-not-found`,
                  })),
                }
              : {}),
          },
        }
      }
      case 'GET /2/users/me':
        return {
          status: 200,
          body: {
            data: userJson(account, fieldsOf(request, 'user.fields'), {
              tweets: state.liveTweets().filter((t) => t.author_id === account.id).length,
            }),
          },
        }
      case 'GET /2/users/{id}/mentions': {
        const user = state.user(op.params.id!)
        if (!user) return xErrors.notFound(`Could not find user with id: [${op.params.id}].`)
        const since = request.query.get('since_id')
        const mention = new RegExp(`(^|\\W)@${user.username}\\b`, 'i')
        return listTweets(
          state,
          request,
          account,
          state
            .liveTweets()
            .filter(
              (t) =>
                t.author_id !== user.id &&
                mention.test(t.text) &&
                (!since || BigInt(t.id) > BigInt(since)),
            ),
        )
      }
      case 'GET /2/users/{id}/tweets': {
        const start = request.query.get('start_time')
        const exclude = fieldsOf(request, 'exclude')
        return listTweets(
          state,
          request,
          account,
          state
            .liveTweets()
            .filter(
              (t) =>
                t.author_id === op.params.id &&
                (!start || t.created_at >= Date.parse(start)) &&
                !(exclude.has('replies') && t.in_reply_to_user_id),
            ),
        )
      }
      case 'GET /2/tweets/search/recent': {
        const query = request.query.get('query') ?? ''
        const conversation = /conversation_id:(\d+)/.exec(query)?.[1]
        return listTweets(
          state,
          request,
          account,
          state
            .liveTweets()
            .filter((t) =>
              conversation
                ? t.conversation_id === conversation && t.id !== conversation
                : decode(t.text).includes(query),
            ),
        )
      }
      case 'GET /2/dm_events': {
        const events = state.dms.filter((e) => e.participant_ids.includes(account.id))
        const paged = page(events, request, 100)
        const fields = fieldsOf(request, 'dm_event.fields')
        return {
          status: 200,
          body: {
            ...(paged.data.length
              ? {
                  data: paged.data.map((e) => ({
                    id: e.id,
                    event_type: e.event_type,
                    text: e.text,
                    ...(fields.has('sender_id') ? { sender_id: e.sender_id } : {}),
                    ...(fields.has('dm_conversation_id')
                      ? { dm_conversation_id: e.dm_conversation_id }
                      : {}),
                    ...(fields.has('created_at') ? { created_at: iso(e.created_at) } : {}),
                  })),
                }
              : {}),
            ...(fieldsOf(request, 'expansions').has('sender_id')
              ? includesUsers(
                  state,
                  paged.data.map((e) => e.sender_id),
                  request,
                )
              : {}),
            meta: paged.meta,
          },
        }
      }
      case 'POST /2/dm_conversations/with/{participant_id}/messages': {
        const to = op.params.participant_id!
        if (!state.user(to)) return xErrors.notFound(`Could not find user with id: [${to}].`)
        const event = sendDm(state, account.id, to, String(body.text ?? ''))
        return {
          status: 201,
          body: { data: { dm_conversation_id: event.dm_conversation_id, dm_event_id: event.id } },
        }
      }
      default:
        return mediaRoute(state, account, request, op)
    }
  }
}
