import type { FeedEntry } from '@statex/db'
import { XMLParser } from 'fast-xml-parser'

/** An entry with what the templates use. */
export interface ParsedEntry extends FeedEntry {
  summary: string | null
}

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError'
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: false,
})

type Node = string | number | { '#text'?: string | number; [key: string]: unknown } | undefined

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

function text(node: unknown): string | null {
  const n = node as Node
  if (n === undefined || n === null) return null
  if (typeof n === 'string' || typeof n === 'number') return String(n).trim() || null
  const inner = n['#text']
  return inner === undefined ? null : String(inner).trim() || null
}

/** Tags out, entities of HTML's common few decoded, spaces collapsed: a summary a post can carry. */
function plain(html: string | null, max = 500): string | null {
  if (!html) return null
  const out = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
  if (!out) return null
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out
}

function date(value: string | null): Date | null {
  if (!value) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

function atomLink(node: unknown): string | null {
  const links = list(node as Record<string, string> | Record<string, string>[])
  const alternate =
    links.find((l) => typeof l === 'object' && (!l['@_rel'] || l['@_rel'] === 'alternate')) ??
    links[0]
  if (!alternate) return null
  return typeof alternate === 'string' ? alternate : (alternate['@_href'] ?? null)
}

/**
 * Reads RSS 2.0 and Atom 1.0: each entry's key is its guid (RSS) or id (Atom), else its link,
 * the identity that keeps an item from being posted twice. Entries with neither are skipped.
 * @throws FeedFormatError when the document is neither, saying what it found.
 */
export function parseFeed(xml: string): ParsedEntry[] {
  // Entities declared in the document are never expanded (billion laughs, external entities).
  if (/<!ENTITY/i.test(xml))
    throw new FeedFormatError('The feed declares its own XML entities; such feeds are not read.')
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(xml) as Record<string, unknown>
  } catch (error) {
    throw new FeedFormatError(`The feed is not well-formed XML: ${(error as Error).message}`)
  }
  const rss = doc.rss as { channel?: { item?: unknown } } | undefined
  const atom = doc.feed as { entry?: unknown } | undefined
  let entries: ParsedEntry[]
  if (rss?.channel) {
    entries = list(rss.channel.item as Record<string, unknown>[]).map((item) => {
      const link = text(item.link)
      return {
        key: text(item.guid) ?? link ?? '',
        title: plain(text(item.title), 300),
        link,
        summary: plain(text(item.description)),
        publishedAt: date(text(item.pubDate)),
      }
    })
  } else if (atom) {
    entries = list(atom.entry as Record<string, unknown>[]).map((entry) => {
      const link = atomLink(entry.link)
      return {
        key: text(entry.id) ?? link ?? '',
        title: plain(text(entry.title), 300),
        link,
        summary: plain(text(entry.summary) ?? text(entry.content)),
        publishedAt: date(text(entry.published) ?? text(entry.updated)),
      }
    })
  } else {
    const root = Object.keys(doc).find((k) => k !== '?xml') ?? 'nothing'
    throw new FeedFormatError(
      `The document is not an RSS 2.0 or Atom feed (its root element is <${root}>).`,
    )
  }
  return entries.filter((e) => e.key)
}

/** `{title}`, `{link}`, `{summary}` filled in; a missing value leaves nothing, not "null". */
export function renderTemplate(template: string, entry: ParsedEntry): string {
  return template
    .replace(
      /\{(title|link|summary)\}/g,
      (_, field: 'title' | 'link' | 'summary') => entry[field] ?? '',
    )
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export const DEFAULT_TEMPLATE = '{title}\n\n{link}'
