import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let linkedin: string
beforeAll(async () => {
  env = await setup('first-comment')
  linkedin = (
    await env.db.accounts.connectAccount(env.a.workspaceId, {
      platform: 'linkedin',
      externalAccountId: 'urn:li:organization:1',
      displayName: 'Acme on LinkedIn',
      tokens: { accessToken: 'token-li' },
    })
  ).id
})
afterAll(async () => {
  await env.close()
})

const create = (payload: unknown) =>
  env.app.inject({
    method: 'POST',
    url: '/v1/posts',
    headers: bearer(env.a.keys.editor),
    payload: payload as object,
  })

describe('first comment on create', () => {
  it('is stored with the post for a platform that comments, and shown as not sent yet', async () => {
    const response = await create({
      content: { text: 'We are hiring', firstComment: 'Apply at https://example.com/jobs' },
      targets: [{ accountId: linkedin }],
    })
    expect(response.statusCode, response.body).toBe(201)
    const { post } = response.json()
    expect(post.content.firstComment).toBe('Apply at https://example.com/jobs')
    expect(post.targets[0].firstComment).toBeNull()
  })

  it('is refused where the platform has no comments, unless an override leaves it off', async () => {
    const refused = await create({
      content: { text: 'We are hiring', firstComment: 'Apply now' },
      targets: [{ accountId: linkedin }, { accountId: env.a.accounts.telegram }],
    })
    expect(refused.statusCode).toBe(422)
    const details = refused.json().error.details.targets
    expect(details).toEqual([
      expect.objectContaining({
        platform: 'telegram',
        problems: [
          expect.objectContaining({ code: 'FIRST_COMMENT_NOT_SUPPORTED', path: 'firstComment' }),
        ],
      }),
    ])
    const ok = await create({
      content: { text: 'We are hiring', firstComment: 'Apply now' },
      targets: [
        { accountId: linkedin },
        { accountId: env.a.accounts.telegram, override: { firstComment: '' } },
      ],
    })
    expect(ok.statusCode, ok.body).toBe(201)
  })

  it('must fit the platform’s text limit', async () => {
    const response = await create({
      content: { text: 'Hello', firstComment: 'x'.repeat(3001) },
      targets: [{ accountId: linkedin }],
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.details.targets[0].problems[0].code).toBe('FIRST_COMMENT_TOO_LONG')
  })
})
