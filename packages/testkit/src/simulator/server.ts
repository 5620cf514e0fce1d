import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Fault, FaultQueue } from './faults.js'

/** One request as a simulator received it; kept for wire-level assertions. */
export interface RecordedRequest {
  method: string
  /** Path and query, exactly as received (tokens included: this never leaves the test). */
  url: string
  path: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  rawBody: Buffer
  /** The body parsed by content type: JSON, form or multipart fields; `undefined` when empty. */
  body: unknown
  receivedAt: Date
}

export interface SimResponse {
  status: number
  headers?: Record<string, string>
  /** A plain value is sent as JSON; a string as text/html unless a content-type header says otherwise. */
  body?: unknown
}

export type SimHandler = (request: RecordedRequest) => SimResponse | Promise<SimResponse>

export interface SimulatorServerOptions {
  handler: SimHandler
  /** Platform-specific rendering of faults that need the platform's error format. */
  renderFault(
    fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
    request: RecordedRequest,
  ): SimResponse
  faults: FaultQueue
  port?: number
  host?: string
}

export interface SimulatorServer {
  /** e.g. `http://127.0.0.1:38211` */
  readonly url: string
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  if (raw.length === 0) return undefined
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('application/json')) {
    try {
      return JSON.parse(raw.toString('utf8'))
    } catch {
      return raw.toString('utf8')
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
  }
  if (type.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType! },
    }).formData()
    const fields: Record<string, unknown> = {}
    for (const [key, value] of form.entries()) {
      fields[key] =
        typeof value === 'string' ? value : { name: value.name, type: value.type, size: value.size }
    }
    return fields
  }
  return raw.toString('utf8')
}

function write(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers }
  let payload: string | Buffer = ''
  if (response.body !== undefined) {
    if (typeof response.body === 'string') {
      headers['content-type'] ??= 'text/html; charset=utf-8'
      payload = response.body
    } else if (Buffer.isBuffer(response.body)) {
      payload = response.body
    } else {
      headers['content-type'] ??= 'application/json; charset=utf-8'
      payload = JSON.stringify(response.body)
    }
  }
  res.writeHead(response.status, headers)
  res.end(payload)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Starts an in-process HTTP server for a platform simulator on an ephemeral port (unless one is
 * given). Every request is recorded, then the fault queue is consulted: a drop before receipt
 * closes the socket untouched; slow answers wait; a drop or hang after receipt still runs the
 * handler (the platform acted) and then never answers properly.
 */
export async function startSimulatorServer(
  options: SimulatorServerOptions,
): Promise<SimulatorServer> {
  const requests: RecordedRequest[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req)
      const url = new URL(req.url ?? '/', 'http://simulator')
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody: raw,
        body: await parseBody(raw, req.headers['content-type']),
        receivedAt: new Date(),
      }
      requests.push(recorded)
      const fault = options.faults.take(recorded.method, recorded.path)
      switch (fault?.type) {
        case 'drop_before_receive':
          req.socket.destroy()
          return
        case 'slow':
          await sleep(fault.delayMs)
          break
        case 'rate_limit':
        case 'server_error':
        case 'reject_content':
          return write(res, options.renderFault(fault, recorded))
        default:
          break
      }
      const response = await options.handler(recorded)
      if (fault?.type === 'drop_after_receive') {
        req.socket.destroy()
        return
      }
      if (fault?.type === 'hang_after_receive') {
        hanging.add(res)
        return
      }
      write(res, response)
    } catch (error) {
      write(res, {
        status: 500,
        body: { simulatorError: error instanceof Error ? error.message : String(error) },
      })
    }
  })
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  )
  const address = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    requests,
    close: async () => {
      for (const res of hanging) res.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
