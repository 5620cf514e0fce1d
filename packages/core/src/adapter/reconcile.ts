const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/**
 * A post's text reduced to what survives a platform's rewriting, for `findPublished` by content:
 * NFC, HTML entities decoded (X returns `&amp;`), every link replaced by one placeholder (X
 * rewrites links to t.co), whitespace collapsed.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim()
}

/** True when a published text is the text we sent, up to the platform's rewriting. */
export function sameContent(published: string, sent: string): boolean {
  return comparableText(published) === comparableText(sent)
}
