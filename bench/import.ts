/**
 * `pnpm bench import [--quick]`: `POST /v1/posts/import` of a 10,000-row CSV (every row to a
 * Telegram and a WhatsApp account, a time, a media URL, a Telegram text override and WhatsApp
 * options), through the whole app (`app.inject`: routing, schema, auth, validation, one
 * transaction). Baselines in the same run: Papa Parse alone on the same file (the floor of
 * reading it) and raw PostgreSQL writing the same rows in one transaction (the floor of storing
 * them). Quick: one run of each; full: the median of three.
 */
import Papa from 'papaparse'
import pg from 'pg'
import { startBenchApi } from './api-app.js'
import { result, type Bench, type BenchContext, type BenchResult } from './lib.js'

const ROWS = 10_000

function csvOf(rows: number): string {
  const at = new Date(Date.now() + 86_400_000).toISOString()
  const options = '"{""recipients"":[""+420600000001""]}"'
  const lines = ['text,platforms,time,media,text:telegram,options:whatsapp']
  for (let i = 0; i < rows; i++)
    lines.push(
      `"Post number ${i}, imported in bulk with a link https://example.com/${i}",telegram whatsapp,${at},https://cdn.example.com/${i}.jpg,<b>Post ${i}</b>,${options}`,
    )
  return `${lines.join('\n')}\n`
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

/** The same rows in raw SQL, one transaction: groups, 2 targets each, their audit rows. */
async function rawInsert(
  databaseUrl: string,
  workspaceId: string,
  accountIds: string[],
  rows: number,
) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return await timed(async () => {
      await client.query('BEGIN')
      await client.query(
        `WITH g AS (
           INSERT INTO post_groups (id, workspace_id, content, scheduled_at, status, updated_at)
           SELECT gen_random_uuid(), $1::uuid, jsonb_build_object('text', 'Post number ' || n),
                  now() + interval '1 day', 'scheduled', now()
           FROM generate_series(1, $3::int) AS n RETURNING id, content, scheduled_at
         ), t AS (
           INSERT INTO social_posts (id, group_id, account_id, status, content, scheduled_at, updated_at)
           SELECT gen_random_uuid(), g.id, a, 'SCHEDULED', g.content, g.scheduled_at, now()
           FROM g CROSS JOIN unnest($2::uuid[]) AS a RETURNING id
         )
         INSERT INTO post_status_changes (post_id, to_status, reason, actor)
         SELECT t.id, 'SCHEDULED', 'imported', 'bench' FROM t`,
        [workspaceId, accountIds, rows],
      )
      await client.query('COMMIT')
    })
  } finally {
    await client.end()
  }
}

async function run({ quick, log }: BenchContext): Promise<BenchResult[]> {
  const runs = quick ? 1 : 3
  console.log(`import bench: ${ROWS} rows × 2 targets, ${runs} run${runs > 1 ? 's' : ''}`)
  const { testDb: t, db, app, close } = await startBenchApi('import')
  try {
    const owner = await db.users.createUser({ email: 'bench-import@example.com' })
    const csv = csvOf(ROWS)
    log(`CSV: ${(Buffer.byteLength(csv) / 1_048_576).toFixed(1)} MiB`)
    const parse: number[] = []
    const dry: number[] = []
    const full: number[] = []
    const raw: number[] = []
    for (let i = 0; i < runs; i++) {
      // A workspace per run, so each import starts from the same table sizes as the raw insert.
      const ws = await db.workspaces.createWorkspace({ name: `bench ${i}`, ownerUserId: owner.id })
      const accounts = [
        await db.accounts.connectAccount(ws.id, {
          platform: 'telegram',
          externalAccountId: '@bench',
          displayName: 'bench',
          tokens: { accessToken: 'bench-telegram' },
        }),
        await db.accounts.connectAccount(ws.id, {
          platform: 'whatsapp',
          externalAccountId: '1000001',
          displayName: 'bench',
          tokens: { accessToken: 'bench-whatsapp' },
        }),
      ]
      const key = (
        await db.apiKeys.createApiKey({ workspaceId: ws.id, name: 'bench', role: 'editor' })
      ).plaintext
      const send = async (dryRun: boolean) => {
        const response = await app.inject({
          method: 'POST',
          url: '/v1/posts/import',
          headers: { authorization: `Bearer ${key}` },
          payload: { csv, dryRun },
        })
        const report = response.json() as { valid: number; created: number }
        const expected = dryRun ? 0 : ROWS
        if (response.statusCode >= 300 || report.valid !== ROWS || report.created !== expected)
          throw new Error(`import answered ${response.statusCode}: ${response.body.slice(0, 500)}`)
      }
      parse.push(await timed(() => Papa.parse(csv, { header: true, skipEmptyLines: 'greedy' })))
      dry.push(await timed(() => send(true)))
      full.push(await timed(() => send(false)))
      const other = await db.workspaces.createWorkspace({ name: `raw ${i}`, ownerUserId: owner.id })
      const rawAccounts = await Promise.all(
        accounts.map((a) =>
          db.accounts.connectAccount(other.id, {
            platform: a.platform,
            externalAccountId: a.externalAccountId,
            displayName: 'raw',
            tokens: { accessToken: 'raw' },
          }),
        ),
      )
      raw.push(
        await rawInsert(
          t.databaseUrl,
          other.id,
          rawAccounts.map((a) => a.id),
          ROWS,
        ),
      )
      log(
        `run ${i + 1}: parse ${parse[i]!.toFixed(0)} ms, dry run ${dry[i]!.toFixed(0)} ms, import ${full[i]!.toFixed(0)} ms, raw SQL ${raw[i]!.toFixed(0)} ms`,
      )
    }
    const [p, d, f, r] = [parse, dry, full, raw].map(median) as [number, number, number, number]
    return [
      result(`Papa Parse alone, ${ROWS} rows`, p, 'ms'),
      result(`dry run (read + check every row) vs parse`, d, 'ms', p),
      result(`import ${ROWS} rows (${ROWS * 2} targets), all or nothing`, f, 'ms'),
      result('import rows/s', (ROWS / f) * 1000, 'rows/s'),
      result('raw PostgreSQL, same rows in one statement', r, 'ms'),
      result('import vs raw PostgreSQL', f, 'ms', r),
    ]
  } finally {
    await close()
  }
}

export const importBench: Bench = {
  name: 'import',
  description: `POST /v1/posts/import of ${ROWS} CSV rows (dry run and real), beside Papa Parse alone and the same writes in raw SQL`,
  run,
}
