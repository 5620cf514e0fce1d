/**
 * LinkedIn's "little text" format, which `commentary` and comment text use: these characters are
 * markup, and an unescaped one makes LinkedIn truncate or mangle the post while answering 201.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 */
export const RESERVED = [
  '\\',
  '|',
  '{',
  '}',
  '@',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '#',
  '*',
  '_',
  '~',
] as const

const RESERVED_PATTERN = /[\\|{}@[\]()<>#*_~]/g

/** Every reserved character backslash-escaped: the text shows exactly as written. */
export function escapeLittleText(text: string): string {
  return text.replace(RESERVED_PATTERN, (char) => `\\${char}`)
}

export interface LittleTextOptions {
  /** `@Name` → `@[Name](urn)` for these names only. */
  mentions?: readonly { name: string; urn: string }[]
  /** `#word` at a word start, the word starting with a letter → `{hashtag|\#|word}`. Default true. */
  hashtags?: boolean
}

const HASHTAG = /(^|[^\p{L}\p{N}_&])#(\p{L}[\p{L}\p{N}_]*)/gu

/**
 * Our text as `commentary`: everything escaped, then the mentions and hashtags the author meant
 * put back as markup. `C#`, `#1` and an `@` not in `mentions` stay plain text.
 */
export function toLittleText(text: string, options: LittleTextOptions = {}): string {
  // Placeholders outside the reserved set keep deliberate markup apart from escaped text.
  const tokens: string[] = []
  const hold = (markup: string) => `\uE000${tokens.push(markup) - 1}\uE000`
  let working = text
  const mentions = [...(options.mentions ?? [])].sort((a, b) => b.name.length - a.name.length)
  for (const { name, urn } of mentions) {
    working = working.split(`@${name}`).join(hold(`@[${escapeLittleText(name)}](${urn})`))
  }
  if (options.hashtags !== false) {
    working = working.replace(
      HASHTAG,
      (_, before: string, tag: string) => `${before}${hold(`{hashtag|\\#|${tag}}`)}`,
    )
  }
  return escapeLittleText(working).replace(
    /\uE000(\d+)\uE000/g,
    (_, i: string) => tokens[Number(i)]!,
  )
}

/**
 * What a reader sees for a little-text string, as LinkedIn renders it: escapes resolved, mentions
 * shown by name, hashtags as `#tag`, and the text cut at the first unescaped reserved character
 * that is not valid markup (LinkedIn's silent truncation).
 */
export function renderLittleText(little: string): string {
  let out = ''
  let i = 0
  while (i < little.length) {
    const char = little[i]!
    if (char === '\\' && i + 1 < little.length) {
      out += little[i + 1]
      i += 2
      continue
    }
    const rest = little.slice(i)
    const mention = /^@\[((?:\\.|[^\]\\])*)\]\((urn:li:[a-zA-Z]+:[^)]+)\)/.exec(rest)
    if (mention) {
      out += renderLittleText(mention[1]!)
      i += mention[0].length
      continue
    }
    const hashtag = /^\{hashtag\|\\#\|([^}]+)\}/.exec(rest)
    if (hashtag) {
      out += `#${hashtag[1]}`
      i += hashtag[0].length
      continue
    }
    if (RESERVED.includes(char as (typeof RESERVED)[number])) break
    out += char
    i++
  }
  return out
}
