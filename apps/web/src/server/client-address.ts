/**
 * The address of the person behind a request, for the API's per-address limits (sign-up, failed
 * sign-ins). Next.js fills `X-Forwarded-For` with the socket's address only when the request has
 * none, and never appends; each of `trustedHops` proxies in front appends the address it saw.
 * So the caller is the entry `trustedHops` from the end (the last one with no proxy). With no
 * proxy a client can still send its own header: put the dashboard behind one in production.
 */
export function clientAddress(headers: Headers, trustedHops: number): string | undefined {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return undefined
  const index = entries.length - Math.max(trustedHops, 1)
  // Fewer entries than proxies: the request skipped one; the first is the best we know.
  return entries[Math.max(index, 0)]
}
