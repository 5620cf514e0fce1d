import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('imports')
})
afterAll(async () => {
  await env.close()
})

const later = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()

type Report = {
  total: number
  valid: number
  invalid: number
  created: number
  rows: {
    row: number
    valid: boolean
    postId: string | null
    scheduledAt: string | null
    targets: number
    problems: { column: string; code: string; message: string; platform?: string }[]
    warnings: { column: string; code: string; message: string; platform?: string }[]
  }[]
}

async function importCsv(
  csv: string,
  extra: Record<string, unknown> = {},
  key = env.a.keys.editor,
) {
  return env.app.inject({
    method: 'POST',
    url: '/v1/posts/import',
    headers: bearer(key),
    payload: { csv, ...extra },
  })
}

const recipients = '"{""recipients"":[""+420600000001""]}"'
const mixed = [
  'text,platforms,time,media,text:telegram,options:whatsapp',
  `"Hello, world",telegram whatsapp,${later(2)},https://cdn.example.com/a.jpg,<b>Hello</b>,${recipients}`,
  `"A line
and another",telegram,,,,`,
  `${'x'.repeat(5000)},telegram,${later(3)},,,`,
  `Wrong platform,myspace,${later(3)},,,`,
  `Too late,telegram,2020-01-01T00:00:00Z,,,`,
  `Bad media,telegram,${later(4)},ftp://example.com/a.jpg,,`,
  `No recipients,whatsapp,${later(4)},,,`,
].join('\n')

describe('POST /v1/posts/import', () => {
  it('reports every row and, all-or-nothing, creates nothing when one row is bad', async () => {
    const response = await importCsv(mixed)
    expect(response.statusCode, response.body).toBe(200)
    const report = response.json() as Report
    expect(report).toMatchObject({ total: 7, valid: 2, invalid: 5, created: 0 })
    const codes = report.rows.map((r) => r.problems.map((p) => p.code))
    expect(codes[0]).toEqual([])
    expect(codes[1]).toEqual([])
    // Once per Telegram account: each target is checked.
    expect(codes[2]).toEqual(['TEXT_TOO_LONG', 'TEXT_TOO_LONG'])
    expect(report.rows[2]!.problems[0]!.platform).toBe('telegram')
    expect(codes[3]).toEqual(['NO_ACCOUNT'])
    expect(report.rows[3]!.problems[0]!.message).toMatch(/myspace/)
    expect(codes[4]).toEqual(['TIME_IN_PAST'])
    expect(codes[5]).toEqual(['MEDIA_URL_INVALID'])
    expect(codes[6]!.length).toBeGreaterThan(0)
    expect(report.rows[6]!.problems[0]!.platform).toBe('whatsapp')
    expect((await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId })).items).toEqual(
      [],
    )
  })

  it('with valid-rows, creates the valid ones with their overrides, times and drafts', async () => {
    const response = await importCsv(mixed, { mode: 'valid-rows' })
    expect(response.statusCode, response.body).toBe(201)
    const report = response.json() as Report
    expect(report.created).toBe(2)
    const [first, second] = report.rows
    const post = (await env.db.posts.getPostGroupView(env.a.workspaceId, first!.postId!))!
    expect(post.status).toBe('scheduled')
    const telegram = post.targets.find((t) => t.platform === 'telegram')!
    const whatsapp = post.targets.find((t) => t.platform === 'whatsapp')!
    expect(telegram.content).toMatchObject({
      text: '<b>Hello</b>',
      media: [{ url: 'https://cdn.example.com/a.jpg', type: 'image' }],
    })
    expect(whatsapp.content).toMatchObject({
      text: 'Hello, world',
      options: { whatsapp: { recipients: ['+420600000001'] } },
    })
    // Both Telegram accounts of the workspace, and the WhatsApp one.
    expect(post.targets).toHaveLength(3)
    expect(post.targets.every((t) => t.status === 'SCHEDULED')).toBe(true)
    const draft = (await env.db.posts.getPostGroupView(env.a.workspaceId, second!.postId!))!
    expect(draft.content.text).toBe('A line\nand another')
    expect(draft.targets.every((t) => t.status === 'DRAFT')).toBe(true)
    expect(report.rows.slice(2).every((r) => r.postId === null)).toBe(true)
  })

  it('gives "next slot" rows distinct free slots, in file order, and a dry run stores nothing', async () => {
    await env.app.inject({
      method: 'PUT',
      url: '/v1/workspace/slots',
      headers: bearer(env.b.keys.owner),
      payload: {
        timeZone: 'UTC',
        slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: '09:00' })),
      },
    })
    const csv = `text,accounts,time\nOne,${env.b.accounts.telegram},next slot\nTwo,${env.b.accounts.telegram},next-slot\nThree,${env.b.accounts.telegram2},Next Slot\n`
    const dry = (await importCsv(csv, { dryRun: true }, env.b.keys.editor)).json() as Report
    expect(dry).toMatchObject({ valid: 3, created: 0 })
    const [one, two, three] = dry.rows.map((r) => new Date(r.scheduledAt!).getTime())
    expect(two! - one!).toBe(86_400_000)
    expect(three).toBe(one) // another account: the same slot is free for it
    expect((await env.db.posts.listPostGroups({ workspaceId: env.b.workspaceId })).items).toEqual(
      [],
    )
    const real = (await importCsv(csv, {}, env.b.keys.editor)).json() as Report
    expect(real.created).toBe(3)
    expect(real.rows.map((r) => r.scheduledAt)).toEqual(dry.rows.map((r) => r.scheduledAt))
  })

  it('reads times without an offset in the given zone', async () => {
    const csv = `text,platforms,time\nLocal,telegram,2030-06-01 09:00\n`
    const report = (
      await importCsv(csv, { dryRun: true, timeZone: 'Europe/Prague' })
    ).json() as Report
    expect(report.rows[0]!.scheduledAt).toBe('2030-06-01T07:00:00.000Z')
  })

  it('refuses a file it cannot read with what to fix', async () => {
    const unknown = await importCsv('text,platforms,colour\nHi,telegram,red\n')
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error.message).toMatch(
      /Unknown column "colour"; the columns are text, platforms/,
    )
    const extra = (
      await importCsv('text,platforms\nHi, there,telegram\n', { dryRun: true })
    ).json() as Report
    expect(extra.rows[0]!.problems.map((p) => p.code)).toContain('TOO_MANY_FIELDS')
    const noTarget = await importCsv('text\nHi\n')
    expect(noTarget.json().error.message).toMatch(/"platforms" or an "accounts" column/)
    expect(
      (await importCsv('text,platforms\nHi,telegram\n', {}, env.a.keys.viewer)).statusCode,
    ).toBe(403)
  })

  it('finds duplicates among the rows and against stored posts: X refuses them, others warn', async () => {
    await env.db.accounts.connectAccount(env.a.workspaceId, {
      platform: 'twitter',
      externalAccountId: 'import-dup',
      displayName: 'Acme on X',
      tokens: { accessToken: 'token-x' },
    })
    const file = [
      'text,platforms,time',
      `Winter webinar on Thursday: sign up now,twitter,${later(50)}`,
      `Winter webinar on Thursday — sign up now!,twitter,${later(52)}`,
      `Our winter opening hours are on the website,telegram,${later(51)}`,
    ].join('\n')
    const first = (await importCsv(file, { mode: 'valid-rows' })).json() as Report
    expect(first.created).toBe(2)
    expect(first.rows[0]).toMatchObject({ valid: true, warnings: [] })
    // The second row repeats the first on X, which refuses duplicates: a problem, not created.
    expect(first.rows[1]).toMatchObject({ valid: false, postId: null })
    expect(first.rows[1]!.problems).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_CONTENT',
        platform: 'twitter',
        message: expect.stringMatching(/row 1 of this file.*X refuses duplicates/),
      }),
    ])
    // The same file again: each row now repeats a stored post.
    const again = (await importCsv(file, { dryRun: true })).json() as Report
    expect(again.rows[0]!.valid).toBe(false)
    expect(again.rows[0]!.problems[0]!.message).toMatch(/scheduled at .*\/v1\/posts\//)
    const telegram = again.rows[2]!
    expect(telegram.valid).toBe(true)
    // Both Telegram accounts of the workspace have it already.
    expect(telegram.warnings).toHaveLength(2)
    expect(telegram.warnings.every((w) => w.code === 'DUPLICATE_CONTENT')).toBe(true)
  })
})
