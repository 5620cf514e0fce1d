/**
 * Checks of Telegram's formatting syntaxes (https://core.telegram.org/bots/api#formatting-options),
 * so a post that Telegram would refuse with "Bad Request: can't parse entities: …" is caught in
 * `validate`. Returns Telegram's own wording of the first problem, or `undefined`.
 */
export function formattingProblem(text: string, parseMode: string): string | undefined {
  if (parseMode === 'MarkdownV2') return markdownV2Problem(text)
  if (parseMode === 'HTML') return htmlProblem(text)
  return undefined
}

// Characters MarkdownV2 reserves outside code and link URLs; they must be written as `\c`.
const ALWAYS_RESERVED = new Set(['#', '+', '-', '=', '{', '}', '.', '!', '(', ')'])

function findUnescaped(text: string, needle: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text.startsWith(needle, i)) return i
  }
  return -1
}

function markdownV2Problem(text: string): string | undefined {
  const open: { marker: string; at: number }[] = []
  const toggle = (marker: string, at: number) => {
    if (open.at(-1)?.marker === marker) open.pop()
    else open.push({ marker, at })
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\') {
      i++
      continue
    }
    if (text.startsWith('```', i)) {
      const end = findUnescaped(text, '```', i + 3)
      if (end < 0) return `Can't find end of Pre entity at byte offset ${i}`
      i = end + 2
      continue
    }
    if (c === '`') {
      const end = findUnescaped(text, '`', i + 1)
      if (end < 0) return `Can't find end of Code entity at byte offset ${i}`
      i = end
      continue
    }
    if (c === '[') {
      open.push({ marker: '[', at: i })
      continue
    }
    if (c === ']') {
      if (open.at(-1)?.marker !== '[') return reserved(c)
      open.pop()
      if (text[i + 1] !== '(') continue
      const end = findUnescaped(text, ')', i + 2)
      if (end < 0) return `Can't find end of a url at byte offset ${i + 1}`
      i = end
      continue
    }
    if (c === '_' && text[i + 1] === '_') {
      toggle('__', i)
      i++
      continue
    }
    if (c === '|') {
      if (text[i + 1] !== '|') return reserved(c)
      toggle('||', i)
      i++
      continue
    }
    if (c === '*' || c === '_' || c === '~') {
      toggle(c, i)
      continue
    }
    if (c === '>') {
      const lineStart =
        i === 0 || text[i - 1] === '\n' || (text[i - 1] === '*' && text[i - 2] === '*')
      if (!lineStart) return reserved(c)
      continue
    }
    if (ALWAYS_RESERVED.has(c)) return reserved(c)
  }
  const unclosed = open.at(-1)
  return unclosed
    ? `Can't find end of the entity starting at byte offset ${unclosed.at}`
    : undefined
}

const reserved = (c: string) =>
  `Character '${c}' is reserved and must be escaped with the preceding '\\'`

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
  'tg-time',
])

function htmlProblem(text: string): string | undefined {
  const open: string[] = []
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/y
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '<') continue
    tag.lastIndex = i
    const match = tag.exec(text)
    if (!match) return `Unsupported start tag at byte offset ${i}`
    const [whole, closing, rawName] = match
    const name = rawName!.toLowerCase()
    if (!HTML_TAGS.has(name)) return `Unsupported start tag "${name}" at byte offset ${i}`
    if (closing) {
      if (open.at(-1) !== name) return `Unexpected end tag at byte offset ${i}`
      open.pop()
    } else {
      open.push(name)
    }
    i += whole.length - 1
  }
  return open.length ? `Can't find end tag corresponding to start tag "${open.at(-1)}"` : undefined
}
