/** The placeholders a saved reply may use, and what fills them. */
export const SAVED_REPLY_PLACEHOLDERS = ['name', 'handle', 'account'] as const
export type PlaceholderValues = Record<(typeof SAVED_REPLY_PLACEHOLDERS)[number], string>

const PATTERN = /\{\{\s*([a-z]+)\s*\}\}/g

/** Placeholders in `text` that are not known ones: refused when a saved reply is written. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PATTERN)]
    .map((m) => m[1]!)
    .filter((name) => !(SAVED_REPLY_PLACEHOLDERS as readonly string[]).includes(name))
}

/** Fills `{{name}}`, `{{handle}}` and `{{account}}`; a value that is missing leaves a neutral word. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PATTERN, (_, name: string) => values[name as keyof PlaceholderValues] ?? '')
}
