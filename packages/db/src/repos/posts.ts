import type { GroupStatus, PostDraft, PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type {
  Prisma,
  PostGroup as GroupRow,
  SocialPost as PostRow,
} from '../generated/prisma/client.js'
import type { PostGroup, PostGroupWithTargets, SocialPost } from '../types.js'

export function toPost(row: PostRow): SocialPost {
  return {
    id: row.id,
    groupId: row.groupId,
    accountId: row.accountId,
    status: row.status,
    content: row.content as unknown as PostDraft,
    contentOverride: (row.contentOverride ?? null) as Partial<PostDraft> | null,
    scheduledAt: row.scheduledAt,
    externalId: row.externalId,
    url: row.url,
    publishedAt: row.publishedAt,
    lastError: row.lastError,
    partIds: row.partIds,
    nextCheckAt: row.nextCheckAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function toGroup(row: GroupRow): PostGroup {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    createdByUserId: row.createdByUserId,
    content: row.content as unknown as PostDraft,
    scheduledAt: row.scheduledAt,
    timeZone: row.timeZone,
    status: row.status as GroupStatus,
    createdAt: row.createdAt,
  }
}

/** The group's draft with one target's override on top; platform options merge per platform. */
export function resolveDraft(base: PostDraft, override: Partial<PostDraft> | undefined): PostDraft {
  if (!override) return base
  const resolved: PostDraft = { ...base, ...override }
  if (base.options || override.options) resolved.options = { ...base.options, ...override.options }
  return resolved
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
  } catch {
    throw new InvalidInputError(`"${timeZone}" is not an IANA time zone (e.g. "Europe/Prague").`)
  }
}

const asJson = (value: unknown) => value as Prisma.InputJsonValue

export interface CreatePostGroupInput {
  workspaceId: string
  createdByUserId?: string
  content: PostDraft
  /** One post per account; `override` replaces fields of `content` for that account only. */
  targets: { accountId: string; override?: Partial<PostDraft> }[]
  /** The instant to publish at; required for SCHEDULED. */
  scheduledAt?: Date
  /** IANA zone the person scheduled in, kept for display. Default `UTC`. */
  timeZone?: string
  /** Default: SCHEDULED when `scheduledAt` is given, else DRAFT. */
  status?: Extract<PostStatus, 'DRAFT' | 'SCHEDULED'>
  /** Recorded in the status audit, e.g. `user:<id>`. */
  actor: string
}

export function postsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Creates the group and one target per account, with their initial audit rows, in one
     * transaction. Every account must belong to the workspace.
     */
    async createPostGroup(input: CreatePostGroupInput): Promise<PostGroupWithTargets> {
      const timeZone = input.timeZone ?? 'UTC'
      assertTimeZone(timeZone)
      const status = input.status ?? (input.scheduledAt ? 'SCHEDULED' : 'DRAFT')
      if (status === 'SCHEDULED' && !input.scheduledAt)
        throw new InvalidInputError('A scheduled post needs scheduledAt.')
      if (input.targets.length === 0)
        throw new InvalidInputError('A post needs at least one target account.')
      const accountIds = input.targets.map((target) => target.accountId)
      if (new Set(accountIds).size !== accountIds.length)
        throw new InvalidInputError('An account is targeted twice.')

      return prisma.$transaction(async (tx) => {
        const owned = await tx.socialAccount.count({
          where: { id: { in: accountIds }, workspaceId: input.workspaceId },
        })
        if (owned !== accountIds.length)
          throw new InvalidInputError('Every target account must belong to the workspace.')
        const group = await tx.postGroup.create({
          data: {
            workspaceId: input.workspaceId,
            createdByUserId: input.createdByUserId ?? null,
            content: asJson(input.content),
            scheduledAt: input.scheduledAt ?? null,
            timeZone,
            status: status === 'SCHEDULED' ? 'scheduled' : 'draft',
          },
        })
        const targets: PostRow[] = []
        for (const target of input.targets) {
          const post = await tx.socialPost.create({
            data: {
              groupId: group.id,
              accountId: target.accountId,
              status,
              content: asJson(resolveDraft(input.content, target.override)),
              ...(target.override ? { contentOverride: asJson(target.override) } : {}),
              scheduledAt: input.scheduledAt ?? null,
              statusChanges: {
                create: {
                  fromStatus: null,
                  toStatus: status,
                  reason: 'created',
                  actor: input.actor,
                },
              },
            },
          })
          targets.push(post)
        }
        return { ...toGroup(group), targets: targets.map(toPost) }
      })
    },

    async getPostGroup(id: string): Promise<PostGroupWithTargets | null> {
      if (!isUuid(id)) return null
      const row = await prisma.postGroup.findUnique({
        where: { id },
        include: { targets: { orderBy: { createdAt: 'asc' } } },
      })
      return row ? { ...toGroup(row), targets: row.targets.map(toPost) } : null
    },

    async getPost(id: string): Promise<SocialPost | null> {
      if (!isUuid(id)) return null
      const row = await prisma.socialPost.findUnique({ where: { id } })
      return row ? toPost(row) : null
    },

    /** The workspace a post belongs to, for authorisation checks. */
    async getPostWorkspaceId(id: string): Promise<string> {
      if (!isUuid(id)) throw new NotFoundError('Post', id)
      const row = await prisma.socialPost.findUnique({
        where: { id },
        select: { group: { select: { workspaceId: true } } },
      })
      if (!row) throw new NotFoundError('Post', id)
      return row.group.workspaceId
    },

    /**
     * Targets whose time has come: status SCHEDULED and `scheduledAt <= now`, oldest first,
     * read through the (status, scheduled_at) index. Picking one up is `beginPublishAttempt`.
     */
    async listDueTargets(options: { now?: Date; limit?: number } = {}): Promise<SocialPost[]> {
      const rows = await prisma.socialPost.findMany({
        where: { status: 'SCHEDULED', scheduledAt: { lte: options.now ?? new Date() } },
        orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
        take: options.limit ?? 100,
      })
      return rows.map(toPost)
    },
  }
}

export type PostsRepository = ReturnType<typeof postsRepository>
