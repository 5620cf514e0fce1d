import twitterText from 'twitter-text'

/**
 * How a platform counts the length of a text.
 * - `twitter-weighted`: X's weighted count (CJK and emoji count 2, every URL 23, NFC-normalised),
 *   computed by the official `twitter-text` library.
 * - `code-points`: Unicode code points (an emoji is 1).
 * - `utf16`: UTF-16 code units (an emoji outside the BMP is 2), what JavaScript's `length` gives.
 */
export type TextCounting = 'twitter-weighted' | 'code-points' | 'utf16'

export function countText(text: string, counting: TextCounting): number {
  switch (counting) {
    case 'twitter-weighted':
      return twitterText.parseTweet(text).weightedLength
    case 'code-points':
      return [...text].length
    case 'utf16':
      return text.length
  }
}

export function describeCounting(counting: TextCounting): string {
  switch (counting) {
    case 'twitter-weighted':
      return 'characters as X counts them (every link counts as 23, emoji and CJK characters as 2)'
    case 'code-points':
      return 'characters'
    case 'utf16':
      return 'characters (emoji count as 2)'
  }
}

/**
 * How much of `text` fits in `max` as the platform counts it: the UTF-16 length of the longest
 * prefix that is within the limit (`text.length` when all of it fits). A composer marks what comes
 * after it as over the limit, the way X's own composer does.
 */
export function fittingLength(text: string, counting: TextCounting, max: number): number {
  if (countText(text, counting) <= max) return text.length
  switch (counting) {
    case 'twitter-weighted': {
      // `configs` is exported at run time but missing from @types/twitter-text.
      const { configs } = twitterText as unknown as {
        configs: { defaults: twitterText.ParseTweetOptions }
      }
      const config = { ...configs.defaults, maxWeightedTweetLength: max }
      // validRangeEnd is the inclusive UTF-16 index of the last character within the limit.
      return twitterText.parseTweet(text, config).validRangeEnd + 1
    }
    case 'code-points':
      return [...text].slice(0, max).join('').length
    case 'utf16':
      // Never cut a surrogate pair in two: the emoji that does not fit is over, whole.
      return /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max
  }
}
