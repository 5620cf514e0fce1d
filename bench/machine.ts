import { cpus, release, totalmem, type } from 'node:os'
import pg from 'pg'

/** The machine a result came from, written beside every figure so figures are read in context. */
export interface MachineSummary {
  cpu: string
  cores: number
  memoryGb: number
  os: string
  node: string
  postgres: string | null
}

export async function machineSummary(): Promise<MachineSummary> {
  let postgres: string | null = null
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  })
  try {
    await client.connect()
    postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version
  } catch {
    // The figures still stand; the summary says the version was not known.
  } finally {
    await client.end().catch(() => undefined)
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    postgres,
  }
}

export function describeMachine(m: MachineSummary): string {
  return `${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, PostgreSQL ${m.postgres ?? '?'}`
}
