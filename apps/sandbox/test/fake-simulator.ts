import type { AccountAuth } from '@statex/core'
import {
  FaultQueue,
  startSimulatorServer,
  type PlatformSimulator,
  type SimulatedPost,
} from '@statex/testkit/simulator'
import type { SimulatorSetup } from '../src/setup.js'

/**
 * A tiny simulator for the sandbox's own tests: `/echo/*` answers with what it received (status
 * and a response header chosen by the query), `POST /publish` stores a post, interactions are
 * pushed as JSON to the webhook URL the sandbox gave it.
 */
export async function startFakeSimulator(
  webhookUrl?: string,
): Promise<PlatformSimulator & { pushes: Promise<Response>[] }> {
  const faults = new FaultQueue()
  const accounts: { name: string; auth: AccountAuth }[] = []
  const posts = new Map<string, SimulatedPost[]>()
  const pushes: Promise<Response>[] = []
  let next = 1
  const server = await startSimulatorServer({
    faults,
    renderFault: () => ({ status: 500, body: { error: 'fault' } }),
    handler: (request) => {
      if (request.path.startsWith('/echo')) {
        return {
          status: Number(request.query.get('status') ?? 200),
          headers: { 'x-sim-answer': 'yes', 'set-cookie': 'a=1' },
          body: {
            method: request.method,
            url: request.url,
            path: request.path,
            headers: request.headers,
            body: request.rawBody.toString('base64'),
          },
        }
      }
      if (request.method === 'POST' && request.path === '/publish') {
        const body = request.body as { account: string; text: string; photo?: string; at?: string }
        const post: SimulatedPost = {
          externalId: `p${next++}`,
          createdAt: body.at ? new Date(body.at) : new Date(),
          text: body.text,
          raw: body.photo ? { photo: [{ file_id: 'small' }, { file_id: body.photo }] } : {},
          activity: [],
        }
        posts.set(body.account, [post, ...(posts.get(body.account) ?? [])])
        return { status: 200, body: { id: post.externalId } }
      }
      return { status: 404, body: { error: 'not found' } }
    },
  })
  const listPosts = (account: AccountAuth) => posts.get(account.externalAccountId) ?? []
  return {
    platform: 'telegram',
    baseUrl: server.url,
    requests: server.requests,
    pushes,
    createAccount(input = {}) {
      const auth = {
        accessToken: input.accessToken ?? `t${next}`,
        externalAccountId: input.externalAccountId ?? `a${next++}`,
      }
      accounts.push({ name: input.name ?? 'account', auth })
      return auth
    },
    listAccounts: () => accounts,
    listPosts,
    injectFault: (fault, options) => faults.add(fault, options),
    clearFaults: () => faults.clear(),
    revokeToken: () => undefined,
    findPost: (account, id) => listPosts(account).find((post) => post.externalId === id),
    countPosts: (account) => listPosts(account).length,
    simulateInteraction(input) {
      const externalId = `i${next++}`
      const post = input.externalPostId
        ? listPosts(input.account).find((p) => p.externalId === input.externalPostId)
        : undefined
      post?.activity?.push({
        kind: 'comment',
        text: `${input.authorName ?? 'someone'}: ${input.text}`,
        at: new Date(),
      })
      if (webhookUrl) {
        const body = JSON.stringify({
          id: externalId,
          text: input.text,
          post: input.externalPostId ?? null,
        })
        pushes.push(
          fetch(webhookUrl, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-telegram-bot-api-secret-token': 'fake-secret',
            },
            body,
          }),
        )
      }
      return { externalId }
    },
    advance: () => undefined,
    close: () => server.close(),
  }
}

export type FakeSimulator = Awaited<ReturnType<typeof startFakeSimulator>>

/** A setup running the fake simulator as "telegram", with one fixed account. */
export function fakeSetup(onStart?: (simulator: FakeSimulator) => void): SimulatorSetup {
  return {
    platform: 'telegram',
    accounts: [
      { name: 'Fake Channel', accessToken: '123:fixed-token', externalAccountId: '-100777' },
    ],
    async start(context) {
      const simulator = await startFakeSimulator(context.webhookUrl)
      onStart?.(simulator)
      return simulator
    },
  }
}
