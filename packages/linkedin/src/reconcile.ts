import { ProviderError, type FindPublishedInput, type PublishResult } from '@statex/core'
import type { LinkedInClient } from './client.js'
import { commentaryOf, postUrl } from './publish.js'

const PAGE = 50
const MAX_PAGES = 4

/**
 * LinkedIn keeps no idempotency marker, so this lists the author's posts (`q=author`, newest
 * first) created after `after` and matches the commentary exactly as the adapter sends it (the
 * little text LinkedIn stores). Organization authors need r_organization_social; member authors
 * need r_member_social, which LinkedIn grants only to approved partners: without it the answer
 * is a ProviderError, and a person must look before the post is sent again.
 */
export async function findPublishedPost(
  client: LinkedInClient,
  input: FindPublishedInput,
): Promise<PublishResult | null> {
  const commentary = commentaryOf(input.post)
  const after = input.after.getTime()
  const matches: { id: string; createdAt: number }[] = []
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await client.postsByAuthor(
        input.account.externalAccountId,
        { start: page * PAGE, count: PAGE },
        input.signal,
      )
      for (const post of answer.elements) {
        const created = post.createdAt ?? post.publishedAt ?? 0
        if (created >= after && post.commentary === commentary)
          matches.push({ id: post.id, createdAt: created })
      }
      const oldest = Math.min(...answer.elements.map((p) => p.createdAt ?? Infinity))
      if (answer.elements.length < PAGE || oldest < after) break
    }
  } catch (error) {
    if (ProviderError.is(error) && error.kind === 'auth_revoked' && error.status === 403)
      throw new ProviderError({
        kind: 'invalid_request',
        platform: 'linkedin',
        status: 403,
        message: `LinkedIn does not let this app list ${input.account.externalAccountId.startsWith('urn:li:person:') ? "a member's posts (r_member_social is granted only to approved partners)" : "this organization's posts (r_organization_social)"}, so whether the post landed is unknown: check the page before publishing again.`,
        cause: error,
      })
    throw error
  }
  const first = matches.sort((a, b) => a.createdAt - b.createdAt)[0]
  if (!first) return null
  return {
    status: 'published',
    externalId: first.id,
    url: postUrl(first.id),
    publishedAt: new Date(first.createdAt),
  }
}
