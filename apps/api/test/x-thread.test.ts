import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

// An X thread as the dashboard's composer sends it: the shared text for the other targets, and
// X's target override holding the first post as `text` and the replies as `thread`.
let env: Awaited<ReturnType<typeof setup>>
let x: string
beforeAll(async () => {
  env = await setup('x-thread')
  x = (
    await env.db.accounts.connectAccount(env.a.workspaceId, {
      platform: 'twitter',
      externalAccountId: '1000000001',
      displayName: 'Acme on X',
      tokens: { accessToken: 'token-x' },
    })
  ).id
})
afterAll(async () => {
  await env.close()
})

const create = (override: Record<string, unknown>) =>
  env.app.inject({
    method: 'POST',
    url: '/v1/posts',
    headers: bearer(env.a.keys.editor),
    payload: {
      content: { text: `Launch day. ${'a'.repeat(400)}` },
      targets: [{ accountId: x, override }, { accountId: env.a.accounts.telegram }],
      schedule: { type: 'draft' },
    },
  })

describe('POST /v1/posts with an X thread override', () => {
  it('accepts the thread and stores it as the X target gets it', async () => {
    const thread = [{ text: 'Post two.' }, { text: 'Post three 3/3' }]
    const response = await create({ text: 'Launch day: a thread 1/3', thread })
    expect(response.statusCode, response.body).toBe(201)
    const { post } = response.json()
    const target = post.targets.find((t: { platform: string }) => t.platform === 'twitter')
    expect(target.contentOverride).toEqual({ text: 'Launch day: a thread 1/3', thread })
    // No posts were published yet, so there are no part ids to show.
    expect(target.partIds).toEqual([])
    const stored = await env.db.posts.getPostGroup(post.id)
    const resolved = stored!.targets.find((t) => t.accountId === x)!.content
    expect(resolved.thread).toEqual(thread)
    expect(resolved.text).toBe('Launch day: a thread 1/3')
  })

  it('refuses a part over 280, naming the part, and nothing is stored', async () => {
    const response = await create({
      text: 'One',
      thread: [{ text: 'Two' }, { text: 'x'.repeat(300) }, { text: 'Four' }],
    })
    expect(response.statusCode).toBe(422)
    const error = response.json().error
    expect(error.code).toBe('CONTENT_INVALID')
    expect(error.details.targets).toEqual([
      {
        accountId: x,
        platform: 'twitter',
        problems: [
          {
            path: 'thread[1].text',
            code: 'TEXT_TOO_LONG',
            message:
              'X post 3 of 4: The text is 300 characters as X counts them (every link counts as 23, emoji and CJK characters as 2); X allows 280. Shorten it by 20.',
          },
        ],
      },
    ])
  })
})
