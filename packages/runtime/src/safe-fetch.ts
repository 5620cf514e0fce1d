import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import { BlockList, isIP } from 'node:net'

/** Address ranges a user-given URL must never reach: this host, the LAN, cloud metadata. */
const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6')

export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  if (family === 6 && address.toLowerCase().startsWith('::ffff:'))
    return isPublicAddress(address.slice(7))
  return !PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError'
}

export interface SafeFetchOptions {
  maxBytes: number
  /** Named in errors ("The feed answered HTTP 500"); default `media URL`. */
  what?: string
  timeoutMs: number
  /** Redirects followed, each checked again. Default 3. */
  maxRedirects?: number
  /** Tests and air-gapped setups only: allow private addresses. */
  allowPrivate?: boolean
}

/**
 * GETs a user-given URL without letting it reach private addresses: the check happens in the
 * socket's DNS lookup, so the address checked is the address connected to (no DNS rebinding), and
 * again for every redirect. The body is capped at `maxBytes` and the whole fetch at `timeoutMs`.
 */
export async function safeFetch(
  url: string,
  options: SafeFetchOptions,
): Promise<{ body: Buffer; contentType: string | undefined; finalUrl: string }> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  let current = new URL(url)
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop += 1) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:')
      throw new UnsafeUrlError('Only http and https media URLs are fetched.')
    if (current.username || current.password)
      throw new UnsafeUrlError('Media URLs with credentials are not fetched.')
    const answer = await get(current, options, deadline, {
      accept: 'image/*,video/*,application/pdf',
    })
    if (answer.redirect) {
      current = new URL(answer.redirect, current)
      continue
    }
    return {
      body: answer.body!,
      contentType: answer.headers!['content-type'],
      finalUrl: current.toString(),
    }
  }
  throw new UnsafeUrlError('The media URL redirects too many times.')
}

/**
 * `safeFetch` with request headers of the caller's and a 304 taken as an answer: a conditional
 * GET (`if-none-match`, `if-modified-since`) under the same address rules, for feeds.
 */
export async function safeGet(
  url: string,
  options: SafeFetchOptions & { headers: Record<string, string> },
): Promise<{ status: 200 | 304; body: Buffer; headers: IncomingHttpHeaders; finalUrl: string }> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  const what = options.what ?? 'URL'
  let current = new URL(url)
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop += 1) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:')
      throw new UnsafeUrlError(`Only http and https ${what}s are fetched.`)
    if (current.username || current.password)
      throw new UnsafeUrlError(`${what} with credentials are not fetched.`)
    const answer = await get(current, { ...options, what }, deadline, options.headers, true)
    if (answer.redirect) {
      current = new URL(answer.redirect, current)
      continue
    }
    return {
      status: answer.status as 200 | 304,
      body: answer.body ?? Buffer.alloc(0),
      headers: answer.headers!,
      finalUrl: current.toString(),
    }
  }
  throw new UnsafeUrlError(`The ${what} redirects too many times.`)
}

/** A DNS lookup for sockets that fails on any private address, so the address checked is the one connected to. */
function checkedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    lookupOptions: object,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      const bad = list.find((a) => !isPublicAddress(a.address))
      if (bad && !allowPrivate)
        return callback(
          new UnsafeUrlError(
            `${hostname} resolves to a private address; only public addresses are reached.`,
          ),
          [],
        )
      if ((lookupOptions as { all?: boolean }).all) return callback(null, list)
      return callback(null, list[0]!.address, list[0]!.family)
    })
  }
}

function get(
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
  headers: Record<string, string>,
  notModifiedIsAnswer = false,
) {
  const what = options.what ?? 'media URL'
  const lookup = checkedLookup(options.allowPrivate ?? false)
  if (
    isIP(url.hostname.replace(/^\[|\]$/g, '')) &&
    !options.allowPrivate &&
    !isPublicAddress(url.hostname.replace(/^\[|\]$/g, ''))
  )
    return Promise.reject(
      new UnsafeUrlError(
        `That address is private; the ${what} is fetched only from public addresses.`,
      ),
    )
  const client = url.protocol === 'https:' ? https : http
  return new Promise<{
    redirect?: string
    body?: Buffer
    status?: number
    headers?: IncomingHttpHeaders
  }>((resolve, reject) => {
    const request = client.get(url, { lookup: lookup as never, signal, headers }, (response) => {
      const status = response.statusCode ?? 0
      if (status === 304 && notModifiedIsAnswer) {
        response.resume()
        return resolve({ status, headers: response.headers })
      }
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume()
        return resolve({ redirect: response.headers.location })
      }
      if (status !== 200) {
        response.resume()
        return reject(new UnsafeUrlError(`The ${what} answered HTTP ${status}.`))
      }
      const declared = Number(response.headers['content-length'] ?? 0)
      if (declared > options.maxBytes) {
        response.destroy()
        return reject(
          new UnsafeUrlError(`The ${what} is ${declared} bytes; the limit is ${options.maxBytes}.`),
        )
      }
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > options.maxBytes) {
          response.destroy()
          reject(
            new UnsafeUrlError(
              `The ${what} is larger than the limit of ${options.maxBytes} bytes.`,
            ),
          )
        } else chunks.push(chunk)
      })
      response.on('end', () =>
        resolve({ status, body: Buffer.concat(chunks), headers: response.headers }),
      )
      response.on('error', reject)
    })
    request.on('error', (error) =>
      reject(
        error instanceof UnsafeUrlError
          ? error
          : signal.aborted
            ? new UnsafeUrlError(`The ${what} did not answer in time.`)
            : new UnsafeUrlError(`The ${what} could not be fetched: ${error.message}`),
      ),
    )
  })
}

/**
 * POSTs to a URL with the same address rules as `safeFetch` (webhook endpoints are given by users
 * too); redirects are not followed, the answer body is read up to 4 KiB.
 */
export async function safePost(
  url: string,
  input: {
    body: string
    headers: Record<string, string>
    timeoutMs: number
    allowPrivate?: boolean
  },
): Promise<{ status: number; body: string }> {
  const target = new URL(url)
  const host = target.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) && !input.allowPrivate && !isPublicAddress(host))
    throw new UnsafeUrlError(
      'That address is private; webhooks are delivered only to public addresses.',
    )
  const signal = AbortSignal.timeout(input.timeoutMs)
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        lookup: checkedLookup(input.allowPrivate ?? false) as never,
        signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(input.body),
          ...input.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk)
          size += chunk.length
        })
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, 4096),
          }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', (error) =>
      reject(
        error instanceof UnsafeUrlError
          ? error
          : new UnsafeUrlError(
              signal.aborted
                ? 'The endpoint did not answer in time.'
                : `The endpoint could not be reached: ${error.message}`,
            ),
      ),
    )
    request.end(input.body)
  })
}
