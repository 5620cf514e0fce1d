import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A local server speaking the three model APIs as documented, for tests of the chain:
 * - Ollama `POST /api/chat` (stream false) and `GET /api/tags`
 *   (https://github.com/ollama/ollama/blob/main/docs/api.md); errors are `{ "error": "…" }`;
 * - OpenAI `POST /v1/chat/completions` with `Authorization: Bearer <key>`
 *   (https://platform.openai.com/docs/api-reference/chat/create); errors are
 *   `{ "error": { message, type, param, code } }`, 429 with `retry-after`;
 * - Azure OpenAI `POST /openai/deployments/<deployment>/chat/completions?api-version=…` with an
 *   `api-key` header (https://learn.microsoft.com/azure/ai-services/openai/reference); errors are
 *   `{ "error": { code, message } }`, 429 with `retry-after` and `retry-after-ms`.
 */
export type FakeApi = 'ollama' | 'openai' | 'azure'

/** What the next call of one API does; unscripted calls answer `defaultReply`. */
export interface FakeStep {
  reply?: string
  /** An error status with the API's documented body (401, 404, 429, 500…). */
  status?: number
  /** Seconds, sent as `retry-after` (and Azure's `retry-after-ms`) with a 429. */
  retryAfterSeconds?: number
  /** Wait before answering (a slow tier, for timeouts). */
  delayMs?: number
  /** OpenAI/Azure: answer with `message.refusal` instead of content. */
  refusal?: string
  tokensIn?: number
  tokensOut?: number
}

export interface RecordedCall {
  api: FakeApi
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: unknown
}

export interface FakeModelServer {
  url: string
  /** The Ollama host, the OpenAI base URL (`…/v1`) and the Azure endpoint. */
  ollamaHost: string
  openaiBaseUrl: string
  azureEndpoint: string
  calls: RecordedCall[]
  script(api: FakeApi, ...steps: FakeStep[]): void
  /**
   * Decides unscripted calls from the request's messages, for callers whose requests arrive in
   * no fixed order (concurrent jobs); `undefined` falls back to `defaultReply`.
   */
  respond(
    api: FakeApi,
    decide: (messages: { role: string; content: string }[]) => FakeStep | undefined,
  ): void
  close(): Promise<void>
}

export async function startFakeModelServer(options: {
  openaiKey: string
  azureKey: string
  azureDeployment: string
  ollamaModels?: string[]
  defaultReply?: string
}): Promise<FakeModelServer> {
  const queues: Record<FakeApi, FakeStep[]> = { ollama: [], openai: [], azure: [] }
  type Decide = (messages: { role: string; content: string }[]) => FakeStep | undefined
  const responders: Partial<Record<FakeApi, Decide>> = {}
  const calls: RecordedCall[] = []
  const models = options.ollamaModels ?? ['llama3.2']
  const sockets = new Set<Socket>()

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (res.destroyed) return
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

  const openAiError = (api: FakeApi, status: number, model: string) => {
    if (api === 'azure') {
      const messages: Record<number, string> = {
        401: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        404: 'The API deployment for this resource does not exist.',
        429: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 20 seconds.',
      }
      return {
        error: {
          code: String(status === 404 ? 'DeploymentNotFound' : status),
          message: messages[status] ?? 'The server had an error while processing your request.',
        },
      }
    }
    const table: Record<number, { message: string; type: string; code: string | null }> = {
      401: {
        message:
          'Incorrect API key provided: sk-wr***ng. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
      404: {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      },
      429: {
        message: `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
        type: 'requests',
        code: 'rate_limit_exceeded',
      },
    }
    const e = table[status] ?? {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: null,
    }
    return { error: { message: e.message, type: e.type, param: null, code: e.code } }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    let body: Record<string, unknown> = {}
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
    } catch {
      return send(res, 400, { error: 'invalid JSON' })
    }
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname
    if (req.method === 'GET' && path === '/api/tags')
      return send(res, 200, {
        models: models.map((name) => ({
          name: `${name}:latest`,
          model: `${name}:latest`,
          modified_at: '2026-11-01T10:00:00.000Z',
          size: 2_019_393_189,
          digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
          details: {
            parent_model: '',
            format: 'gguf',
            family: 'llama',
            families: ['llama'],
            parameter_size: '3.2B',
            quantization_level: 'Q4_K_M',
          },
        })),
      })
    const azure = path.match(/^\/openai\/deployments\/([^/]+)\/chat\/completions$/)
    const api: FakeApi | null =
      req.method === 'POST' && path === '/api/chat'
        ? 'ollama'
        : req.method === 'POST' && path === '/v1/chat/completions'
          ? 'openai'
          : req.method === 'POST' && azure
            ? 'azure'
            : null
    if (!api) return send(res, 404, { error: 'not found' })
    calls.push({
      api,
      method: req.method ?? '',
      path: `${path}${url.search}`,
      headers: req.headers,
      body,
    })
    const model = String(body.model ?? '')
    const messages = body.messages
    if (!Array.isArray(messages) || messages.length === 0)
      return api === 'ollama'
        ? send(res, 400, { error: 'messages are required' })
        : send(res, 400, {
            error: {
              message: "Missing required parameter: 'messages'.",
              type: 'invalid_request_error',
              param: 'messages',
              code: 'missing_required_parameter',
            },
          })

    // Authentication exactly as each API expects it.
    if (api === 'openai' && req.headers.authorization !== `Bearer ${options.openaiKey}`)
      return send(res, 401, openAiError(api, 401, model))
    if (api === 'azure') {
      if (req.headers['api-key'] !== options.azureKey)
        return send(res, 401, openAiError(api, 401, model))
      if (!url.searchParams.get('api-version'))
        return send(res, 404, { error: { code: '404', message: 'Resource not found' } })
      if (azure![1] !== options.azureDeployment) return send(res, 404, openAiError(api, 404, model))
    }
    if (api === 'ollama' && !models.some((m) => model === m || model === `${m}:latest`))
      return send(res, 404, { error: `model "${model}" not found, try pulling it first` })

    const step =
      queues[api].shift() ??
      responders[api]?.(messages as { role: string; content: string }[]) ??
      {}
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs))
    if (step.status) {
      const headers: Record<string, string> = {}
      if (step.status === 429 && step.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(step.retryAfterSeconds)
        if (api === 'azure') headers['retry-after-ms'] = String(step.retryAfterSeconds * 1000)
      }
      if (api === 'ollama')
        return send(
          res,
          step.status,
          {
            error:
              step.status === 429 ? 'too many requests' : 'model runner has unexpectedly stopped',
          },
          headers,
        )
      return send(res, step.status, openAiError(api, step.status, model), headers)
    }
    const content = step.reply ?? options.defaultReply ?? `A ${api} reply.`
    const tokensIn = step.tokensIn ?? 100
    const tokensOut = step.tokensOut ?? 20
    if (api === 'ollama')
      return send(res, 200, {
        model,
        created_at: new Date().toISOString(),
        message: { role: 'assistant', content },
        done_reason: 'stop',
        done: true,
        total_duration: 1_200_000_000,
        load_duration: 10_000_000,
        prompt_eval_count: tokensIn,
        prompt_eval_duration: 200_000_000,
        eval_count: tokensOut,
        eval_duration: 900_000_000,
      })
    return send(res, 200, {
      id: `chatcmpl-${calls.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: api === 'azure' ? 'gpt-4o-mini-2024-07-18' : model,
      choices: [
        {
          index: 0,
          message: step.refusal
            ? { role: 'assistant', content: null, refusal: step.refusal }
            : { role: 'assistant', content, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: tokensIn,
        completion_tokens: tokensOut,
        total_tokens: tokensIn + tokensOut,
      },
    })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    ollamaHost: url,
    openaiBaseUrl: `${url}/v1`,
    azureEndpoint: `${url}/`,
    calls,
    script(api, ...steps) {
      queues[api].push(...steps)
    },
    respond(api, decide) {
      responders[api] = decide
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
