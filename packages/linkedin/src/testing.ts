/**
 * `@statex/linkedin/testing`: a LinkedIn API simulator for tests and the sandbox. It serves the
 * versioned REST endpoints the adapter uses (Posts, Images, Documents, Videos, socialActions,
 * share statistics, organizationAcls), /v2/userinfo and the OAuth pages, checks the protocol
 * rules (LinkedIn-Version, X-Restli-Protocol-Version 2.0.0, percent-encoded URNs), and renders
 * commentary as LinkedIn does, truncating at an unescaped little-text character.
 */
import type { AccountAuth } from '@statex/core'
import {
  FaultQueue,
  SimClock,
  seededRandom,
  startSimulatorServer,
  type PlatformSimulator,
  type SimulatedPost,
  faultControls,
  tokenControls,
} from '@statex/testkit/simulator'
import { renderLittleText } from './little-text.js'
import { DEFAULT_LINKEDIN_SCOPES } from './oauth.js'
import {
  createLinkedInHandler,
  renderLinkedInFault,
  type LinkedInRouteOptions,
} from './simulator/routes.js'
import {
  LinkedInState,
  secret,
  type SimMember,
  type SimOrganization,
  type SimPost,
} from './simulator/state.js'

export interface LinkedInSimulatorOptions {
  port?: number
  host?: string
  /** Whether the token endpoint issues refresh tokens (apps approved for programmatic refresh). Default true. */
  refreshTokens?: boolean
}

export interface LinkedInSimulator extends PlatformSimulator {
  readonly platform: 'linkedin'
  readonly invalidRequests: LinkedInRouteOptions['invalidRequests']
  expireToken(accessToken: string): void
  hostMedia(input: { bytes: Uint8Array; mimeType: string; name?: string }): string
  /** A member posting as themselves (`urn:li:person:…`); createAccount makes organization pages. */
  createMember(input?: { name?: string; scopes?: string[] }): AccountAuth
  /** The post as LinkedIn holds it: `commentary` as sent and what a reader sees. */
  post(urn: string): (SimPost & { rendered: string }) | undefined
  /** The member behind a token, to change scopes in tests. */
  member(accessToken: string): SimMember | undefined
  /** The organization page an account posts as (its followers can be changed). */
  organization(account: AccountAuth): SimOrganization | undefined
  /** Which member the next consent connects; default a new member administering one new page. */
  nextConsent(account?: AccountAuth): void
}

export async function createLinkedInSimulator(
  options: LinkedInSimulatorOptions = {},
): Promise<LinkedInSimulator> {
  const clock = new SimClock()
  const faults = new FaultQueue()
  const random = seededRandom(20261202)
  const state = new LinkedInState(clock)
  const invalidRequests: LinkedInRouteOptions['invalidRequests'] = []
  let counter = 0
  let consentFor: string | undefined
  let baseUrl = ''

  function newMember(
    name: string,
    scopes: readonly string[] = DEFAULT_LINKEDIN_SCOPES,
    accessToken?: string,
  ): SimMember {
    counter++
    const sub = `${secret('')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 10)}${counter}`
    const member: SimMember = {
      sub,
      urn: `urn:li:person:${sub}`,
      name,
      accessToken: accessToken ?? secret('sim-li-access-'),
      refreshToken: secret('sim-li-refresh-'),
      scopes: new Set(scopes),
      expired: false,
      revoked: false,
    }
    state.members.set(sub, member)
    return member
  }

  function newOrganization(name: string, admin: SimMember, urn?: string) {
    const id = urn ? Number(urn.split(':').pop()) : 10_000_000 + counter * 17
    const org = {
      id,
      urn: `urn:li:organization:${id}`,
      localizedName: name,
      vanityName:
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || `org-${id}`,
      admins: new Set([admin.urn]),
      followers: 640,
    }
    state.organizations.set(org.urn, org)
    return org
  }

  const connect = () => {
    const existing = consentFor
      ? [...state.members.values()].find(
          (m) => m.urn === consentFor || state.canActAs(m, consentFor!),
        )
      : undefined
    consentFor = undefined
    if (existing) return existing
    const member = newMember('Connected Member')
    newOrganization('Connected Company', member)
    return member
  }

  const server = await startSimulatorServer({
    handler: createLinkedInHandler(
      state,
      { invalidRequests, refreshTokens: options.refreshTokens ?? true, baseUrl: () => baseUrl },
      connect,
    ),
    faults,
    port: options.port,
    host: options.host,
    renderFault: renderLinkedInFault,
  })
  baseUrl = server.url

  const authFor = (member: SimMember, author: string): AccountAuth => ({
    accessToken: member.accessToken,
    externalAccountId: author,
    ...(member.refreshToken ? { refreshToken: member.refreshToken } : {}),
  })

  function asPost(post: SimPost): SimulatedPost {
    return {
      externalId: post.id,
      createdAt: new Date(post.createdAt),
      text: renderLittleText(post.commentary),
      raw: post,
      activity: [
        ...post.comments.map((c) => ({
          kind: 'comment',
          text: `${nameOf(c.actor)}: ${c.text}`,
          at: new Date(c.time),
        })),
        {
          kind: 'metrics',
          text: `${post.stats.impressions} impressions, ${post.stats.likes} likes, ${post.comments.length} comments`,
          at: clock.date(),
        },
      ],
    }
  }
  const nameOf = (actor: string) =>
    state.organizations.get(actor)?.localizedName ??
    [...state.members.values()].find((m) => m.urn === actor)?.name ??
    actor

  const simulator: LinkedInSimulator = {
    platform: 'linkedin',
    baseUrl: server.url,
    requests: server.requests,
    invalidRequests,

    createAccount(input = {}) {
      const existing = input.accessToken ? state.memberByToken(input.accessToken) : undefined
      if (existing && input.externalAccountId) return authFor(existing, input.externalAccountId)
      const name = input.name ?? `Company ${counter + 1}`
      const member = newMember(`${name} Admin`, DEFAULT_LINKEDIN_SCOPES, input.accessToken)
      if (input.externalAccountId?.startsWith('urn:li:person:')) return authFor(member, member.urn)
      return authFor(member, newOrganization(name, member, input.externalAccountId).urn)
    },
    organization: (account) => state.organizations.get(account.externalAccountId),
    createMember(input = {}) {
      const member = newMember(
        input.name ?? `Member ${counter + 1}`,
        input.scopes ?? ['openid', 'profile', 'w_member_social'],
      )
      return authFor(member, member.urn)
    },
    listAccounts: () => [
      ...[...state.organizations.values()].map((o) => {
        const admin = [...state.members.values()].find((m) => o.admins.has(m.urn))!
        return { name: o.localizedName, auth: authFor(admin, o.urn) }
      }),
    ],
    listPosts: (account) =>
      [...state.posts.values()]
        .filter((p) => p.author === account.externalAccountId && !p.deleted)
        .sort((a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1))
        .map(asPost),
    ...faultControls(faults),
    ...tokenControls((accessToken) => state.memberByToken(accessToken)),
    findPost(account, externalId) {
      if (externalId.startsWith('urn:li:comment:')) {
        const found = state.comment(externalId)
        return found && found.comment.actor === account.externalAccountId
          ? {
              externalId,
              createdAt: new Date(found.comment.time),
              text: found.comment.text,
              raw: found.comment,
            }
          : undefined
      }
      const post = state.posts.get(externalId)
      return post && !post.deleted && post.author === account.externalAccountId
        ? asPost(post)
        : undefined
    },
    countPosts: (account) =>
      [...state.posts.values()].filter((p) => p.author === account.externalAccountId && !p.deleted)
        .length,

    simulateInteraction({ account, externalPostId, text, authorName }) {
      const latest = simulator.listPosts(account)[0]?.externalId
      const urn = externalPostId ?? latest
      const post = urn ? state.posts.get(urn) : undefined
      // LinkedIn gives apps no messaging: without a post, there is nothing a person can answer on.
      if (!post)
        throw new Error(
          'LinkedIn has no messages for apps: a person can only comment on a post, and this account has none.',
        )
      const person =
        [...state.members.values()].find((m) => m.name === (authorName ?? 'LinkedIn Member')) ??
        newMember(authorName ?? 'LinkedIn Member', ['openid', 'profile'])
      const id = state.nextId()
      const comment = {
        urn: `urn:li:comment:(${post.id},${id})`,
        id,
        actor: person.urn,
        object: post.id,
        text,
        time: clock.now(),
      }
      post.comments.push(comment)
      return { externalId: comment.urn }
    },

    advance(ms) {
      clock.advance(ms)
      const hours = ms / 3_600_000
      for (const post of state.posts.values()) {
        if (post.deleted) continue
        const grow = (scale: number) => Math.floor(hours * scale * random())
        const impressions = grow(90)
        post.stats.impressions += impressions
        post.stats.unique += Math.floor(impressions * 0.7)
        post.stats.clicks += grow(4)
        post.stats.likes += grow(6)
        post.stats.shares += grow(1)
      }
    },

    hostMedia: (input) => state.hostedFiles.host(server.url, input, () => state.nextId()),
    post(urn) {
      const post = state.posts.get(urn)
      return post && { ...post, rendered: renderLittleText(post.commentary) }
    },
    member: (accessToken) => state.memberByToken(accessToken),
    nextConsent(account) {
      consentFor = account?.externalAccountId
    },
    close: () => server.close(),
  }
  return simulator
}

export type { SimMember, SimOrganization, SimPost } from './simulator/state.js'
