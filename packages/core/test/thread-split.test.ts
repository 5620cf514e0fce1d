import { describe, expect, it } from 'vitest'
import {
  CONTENT_RULES,
  countText,
  numberThreadParts,
  splitThread,
  validatePost,
} from '../src/index.js'

const weight = (text: string) => countText(text, 'twitter-weighted')
/** A sentence of `n` characters ending in a full stop: "aaaa… ." */
const sentence = (n: number, letter = 'a') => `${letter.repeat(n - 1)}.`
/** Words of five letters and a space, `n` characters in all (n divisible by 6). */
const words = (n: number, letter = 'w') => `${letter.repeat(5)} `.repeat(n / 6).trimEnd()

/** Every part fits, and nothing of the text was lost or reordered (whitespace aside). */
function expectFaithful(text: string, parts: string[], max = 280) {
  for (const part of parts) expect(weight(part)).toBeLessThanOrEqual(max)
  expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.trim().replace(/\s+/g, ' '))
}

describe('splitThread', () => {
  it('keeps a text that fits as one part, and gives none for a blank text', () => {
    expect(splitThread('Short and sweet.')).toEqual(['Short and sweet.'])
    expect(splitThread('  \n\n ')).toEqual([])
  })

  it('splits at paragraph breaks first, packing paragraphs that fit together', () => {
    const [a, b, c] = [sentence(100, 'a'), sentence(100, 'b'), sentence(200, 'c')]
    const parts = splitThread(`${a}\n\n${b}\n\n${c}`)
    expect(parts).toEqual([`${a}\n\n${b}`, c])
  })

  it('splits a paragraph too long for one part between sentences', () => {
    const text = `${sentence(150, 'a')} ${sentence(100, 'b')} ${sentence(150, 'c')}`
    const parts = splitThread(text)
    expect(parts).toEqual([`${sentence(150, 'a')} ${sentence(100, 'b')}`, sentence(150, 'c')])
  })

  it('splits a sentence too long for one part between words, never inside one', () => {
    const text = words(600)
    const parts = splitThread(text)
    expect(parts.length).toBe(3)
    for (const part of parts) expect(part.split(' ').every((w) => w === 'wwwww')).toBe(true)
    expectFaithful(text, parts)
  })

  it('counts a URL as 23 and never cuts inside one, even where a sentence seems to end in it', () => {
    const url = `https://example.com/${'long-path/'.repeat(30)}v1.Final`
    // 250 letters, the URL (23 as X counts it) ending a sentence, and another sentence: the URL
    // fits in the first part, and the segmenter's break after "v1." does not count.
    const text = `${'a'.repeat(250)} ${url}. Then more text follows here.`
    const parts = splitThread(text)
    expect(parts).toEqual([`${'a'.repeat(250)} ${url}.`, 'Then more text follows here.'])
    expect(weight(parts[0]!)).toBe(250 + 1 + 23 + 1)
    // When it does not fit, the whole URL moves to the next part.
    const later = splitThread(`${'a'.repeat(270)} ${url}`)
    expect(later).toEqual(['a'.repeat(270), url])
  })

  it('weighs emoji and CJK as X does (2 each)', () => {
    const emoji = '😀 '.repeat(150).trimEnd() // 150 emoji (300) and 149 spaces
    const parts = splitThread(emoji)
    expect(parts.length).toBe(2)
    expectFaithful(emoji, parts)
    // 93 emoji and 92 spaces weigh 278: a 94th with its space would make 281.
    expect(parts[0]).toBe('😀 '.repeat(93).trimEnd())

    const cjk = '这是一个句子。'.repeat(30) // 210 characters, 420 as X counts, sentences end in 。
    const cjkParts = splitThread(cjk)
    expect(cjkParts).toEqual(['这是一个句子。'.repeat(20), '这是一个句子。'.repeat(10)])
    expect(weight(cjkParts[0]!)).toBe(280)
  })

  it('cuts a single word longer than a part where the limit falls, and only then', () => {
    const word = 'x'.repeat(600)
    const parts = splitThread(`Before. ${word} after`)
    expect(parts).toEqual(['Before.', 'x'.repeat(280), 'x'.repeat(280), `${'x'.repeat(40)} after`])
  })

  it('leaves room for the " i/N" suffix when numbered, and the numbered parts fit', () => {
    // 46 words of 5 and their spaces are 275: room for " 1/3" (4), not for " 10/10".
    const text = words(816)
    expect(splitThread(text).map(weight)).toEqual([275, 275, 263])
    const parts = splitThread(text, { numbered: true })
    expect(numberThreadParts(parts).map(weight)).toEqual([279, 279, 267])
    expect(numberThreadParts(parts)[2]).toMatch(/wwwww 3\/3$/)
    expectFaithful(text, parts)
    // 20 parts' worth: " 20/20" is 6, so a part holds 45 words (269), and there are 21 of them.
    const long = words(46 * 6 * 20)
    const many = numberThreadParts(splitThread(long, { numbered: true }))
    expect(many.length).toBe(21)
    for (const part of many) expect(weight(part)).toBeLessThanOrEqual(280)
    expect(many[0]).toMatch(/ 1\/21$/)
  })

  it('keeps room in the first part only for what is appended to it (the link)', () => {
    const text = words(540)
    expect(splitThread(text).map(weight)).toEqual([275, 263])
    const parts = splitThread(text, { firstReserve: 25 })
    expect(parts.map(weight)).toEqual([251, 275, 11])
    const link = 'https://example.com/launch'
    const issues = validatePost(
      { text: parts[0]!, link, thread: parts.slice(1).map((t) => ({ text: t })) },
      CONTENT_RULES.twitter,
    )
    expect(issues).toEqual([])
  })

  it('makes parts validatePost accepts as an X thread', () => {
    const text = `${words(420)}\n\n${sentence(200)} https://example.com/${'p'.repeat(300)}`
    const [first, ...rest] = splitThread(text)
    const issues = validatePost(
      { text: first!, thread: rest.map((part) => ({ text: part })) },
      CONTENT_RULES.twitter,
    )
    expect(issues).toEqual([])
  })

  it('splits to another limit and counting when asked (Telegram)', () => {
    const parts = splitThread(words(600), { max: 100, counting: 'utf16' })
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100)
    expect(parts.length).toBe(7)
  })
})

describe('validatePost on a thread', () => {
  it('names the part each problem is about', () => {
    const issues = validatePost(
      { text: 'one', thread: [{ text: 'two' }, { text: 'x'.repeat(300) }, { text: ' ' }] },
      CONTENT_RULES.twitter,
    )
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [
        'thread[1].text',
        'X post 3 of 4: The text is 300 characters as X counts them (every link counts as 23, emoji and CJK characters as 2); X allows 280. Shorten it by 20.',
      ],
      [
        'thread[2].text',
        'X post 4 of 4: It is empty: write some text or attach media, or remove it.',
      ],
    ])
  })

  it('keeps the plain message for a post that is no thread', () => {
    const [issue] = validatePost({ text: 'x'.repeat(281) }, CONTENT_RULES.twitter)
    expect(issue?.message).toMatch(/^The text is 281 characters/)
  })
})
