import { randomBytes } from 'node:crypto'
import { createMediaHost, type SimClock } from '@statex/testkit/simulator'

export interface SimMember {
  sub: string
  urn: string
  name: string
  accessToken: string
  refreshToken?: string
  scopes: Set<string>
  /** Simulated time after which the token answers 401 EXPIRED_ACCESS_TOKEN; undefined: never. */
  accessExpiresAt?: number
  expired: boolean
  revoked: boolean
}

export interface SimOrganization {
  id: number
  urn: string
  localizedName: string
  vanityName: string
  admins: Set<string>
  /** Members following the page: what networkSizes answers as `firstDegreeSize`. */
  followers: number
}

export interface SimComment {
  urn: string
  id: string
  actor: string
  object: string
  text: string
  time: number
  parentComment?: string
}

export interface SimPost {
  id: string
  author: string
  /** As sent: little text. */
  commentary: string
  body: Record<string, unknown>
  createdAt: number
  deleted: boolean
  comments: SimComment[]
  stats: { impressions: number; unique: number; clicks: number; likes: number; shares: number }
}

export interface SimUpload {
  urn: string
  owner: string
  kind: 'image' | 'document' | 'video'
  size?: number
  /** Bytes received per upload key (one per video part). */
  parts: Map<string, { bytes: number; etag?: string }>
  finalized: boolean
}

export const secret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`

export class LinkedInState {
  readonly members = new Map<string, SimMember>()
  readonly organizations = new Map<string, SimOrganization>()
  readonly posts = new Map<string, SimPost>()
  readonly uploads = new Map<string, SimUpload>()
  /** Upload URL key → the upload and, for a video part, its byte range. */
  readonly uploadUrls = new Map<string, { urn: string; firstByte?: number; lastByte?: number }>()
  readonly codes = new Map<
    string,
    { clientId: string; redirectUri: string; scopes: string[]; member: string; expiresAt: number }
  >()
  readonly hostedFiles = createMediaHost()
  #next = 7_000_000_000_000_000_000n

  constructor(readonly clock: SimClock) {}

  nextId(): string {
    this.#next += 1n
    return String(this.#next)
  }

  memberByToken(token: string): SimMember | undefined {
    for (const m of this.members.values()) if (m.accessToken === token) return m
    return undefined
  }

  /** May this member act as `author` (themselves, or a page they administer)? */
  canActAs(member: SimMember, author: string): boolean {
    return (
      author === member.urn || (this.organizations.get(author)?.admins.has(member.urn) ?? false)
    )
  }

  comment(urn: string): { post: SimPost; comment: SimComment } | undefined {
    for (const post of this.posts.values()) {
      const comment = post.comments.find((c) => c.urn === urn)
      if (comment) return { post, comment }
    }
    return undefined
  }
}
