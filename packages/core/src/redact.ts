// Token shapes that can end up in a URL or message even when the adapter did not pass the value:
// a Telegram bot token in the path, a Bearer header, an access_token query parameter.
const TOKEN_PATTERNS: readonly [RegExp, string][] = [
  [/\/bot\d+:[A-Za-z0-9_-]+/g, '/bot<redacted>'],
  [/\b\d{6,}:[A-Za-z0-9_-]{30,}\b/g, '<redacted>'],
  [/(Bearer|OAuth)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 <redacted>'],
  [
    /((?:access|refresh)_token|client_secret|appsecret_proof|fb_exchange_token)=[^&\s"']+/gi,
    '$1=<redacted>',
  ],
]

/** Replaces every exact secret and every known token shape in `text`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('<redacted>')
  }
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement)
  return out
}
