import {
  nextFreeSlot,
  toLocal,
  type RecurrenceRule,
  type Platform,
  type PostDraft,
} from '@statex/core'
import { AWAITING_APPROVAL, resolveDraft, type PostGroupView, type SocialAccount } from '@statex/db'
import { publishJob, publishJobId } from '@statex/jobs'
import type { FastifyBaseLogger } from 'fastify'
import type { Principal } from '../auth.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { DEFAULT_DUPLICATE_WINDOW_MS, findDuplicates, type DuplicateWarning } from './duplicates.js'
import { firstCommentProblems } from './first-comment-rules.js'
import { shortenLinks } from './short-links.js'
import { emitPostEvent } from './post-events.js'

export type ScheduleChoice =
  { type: 'draft' } | { type: 'at'; at: string } | { type: 'next-slot' } | { type: 'now' }

export interface CreatePostInput {
  content: PostDraft
  targets: { accountId: string; override?: Partial<PostDraft> | undefined }[]
  schedule: ScheduleChoice
  timeZone?: string | undefined
  /** Ask for an approval even where the workspace does not require one (Ayrshare's flag). */
  requiresApproval?: boolean | undefined
  /** Replace the URLs in the text with our counted short links, with UTM parameters. */
  shortenLinks?: boolean | undefined
  repeat?: RepeatInput | undefined
}

export interface RepeatInput {
  weekdays: number[]
  time?: string | undefined
  until?: string | undefined
}

export type PostServiceDeps = Pick<
  AppDeps,
  'db' | 'providers' | 'queues' | 'webhookQueue' | 'notificationQueue'
> & {
  log: FastifyBaseLogger
  /** Duplicate check window either side of the post's time; default 72 hours, 0 = off. */
  duplicateWindowMs?: number
  /** Origin of our short links (`<origin>/l/<code>`); without it links are not shortened. */
  linkBaseUrl?: string
}

/**
 * The post services' deps from a route plugin's options: the optional queues and settings only
 * when this process has them (an absent key, never `undefined`, as exactOptionalPropertyTypes
 * wants), with the plugin's logger.
 */
export function postServiceDeps(
  log: FastifyBaseLogger,
  options: Omit<PostServiceDeps, 'log'> & Record<string, unknown>,
): PostServiceDeps {
  const { db, providers, queues, webhookQueue, notificationQueue, duplicateWindowMs, linkBaseUrl } =
    options
  return {
    db,
    providers,
    queues,
    log,
    ...(webhookQueue ? { webhookQueue } : {}),
    ...(notificationQueue ? { notificationQueue } : {}),
    ...(duplicateWindowMs !== undefined ? { duplicateWindowMs } : {}),
    ...(linkBaseUrl ? { linkBaseUrl } : {}),
  }
}

type Deps = PostServiceDeps

/** Refuses to schedule or publish a post that still waits for its approval. */
export function assertApproved(post: Pick<PostGroupView, 'id' | 'approvalStatus'>): void {
  if (AWAITING_APPROVAL.includes(post.approvalStatus))
    throw new ApiError('APPROVAL_REQUIRED', {
      message:
        post.approvalStatus === 'in_review'
          ? 'This post is in review: it publishes once an approver approves it (POST /v1/posts/:id/approve).'
          : `This post needs an approval first (it is ${post.approvalStatus}): submit it with POST /v1/posts/:id/submit.`,
      details: { postId: post.id, approvalStatus: post.approvalStatus },
    })
}

export interface TargetProblem {
  accountId: string
  platform: Platform
  problems: { path: string; code: string; message: string }[]
}

// A scheduled time this far in the past is a mistake, not clock skew; "now" says it plainly.
const PAST_TOLERANCE_MS = 60_000

/** The workspace's accounts by id; another workspace's id is "not found", never a leak. */
export async function accountsOf(
  deps: Deps,
  workspaceId: string,
  ids: readonly string[],
): Promise<SocialAccount[]> {
  const accounts = await deps.db.accounts.getAccountsOfWorkspace(workspaceId, ids)
  return accounts.map((account, i) => {
    if (!account)
      throw new ApiError('NOT_FOUND', {
        message: `No account ${ids[i]} in this workspace.`,
        details: { accountId: ids[i] },
      })
    return account
  })
}

/** Every problem of every target at once: the platform's rules on the content it will get. */
export function validateTargets(
  deps: Deps,
  content: PostDraft,
  targets: { account: SocialAccount; override?: Partial<PostDraft> | undefined }[],
): TargetProblem[] {
  const problems: TargetProblem[] = []
  for (const { account, override } of targets) {
    const provider = deps.providers.providers[account.platform]
    const found: TargetProblem['problems'] = []
    if (!provider) {
      found.push({
        path: 'accountId',
        code: 'PLATFORM_NOT_AVAILABLE',
        message: `${account.platform} is not configured on this server; see GET /v1/platforms.`,
      })
    } else {
      const draft = resolveDraft(content, override ?? undefined)
      for (const issue of provider.validate(draft))
        found.push({ path: issue.path, code: issue.code, message: issue.message })
      found.push(...firstCommentProblems(provider, draft))
    }
    if (account.status === 'disabled') {
      found.push({
        path: 'accountId',
        code: 'ACCOUNT_DISABLED',
        message: `The account "${account.displayName}" is disabled; reconnect it first.`,
      })
    }
    if (found.length)
      problems.push({ accountId: account.id, platform: account.platform, problems: found })
  }
  return problems
}

export function throwIfProblems(problems: TargetProblem[]): void {
  if (problems.length) throw new ApiError('CONTENT_INVALID', { details: { targets: problems } })
}

async function resolveSchedule(
  deps: Deps,
  workspaceId: string,
  accountIds: string[],
  schedule: ScheduleChoice,
  now: Date,
): Promise<{ status: 'DRAFT' | 'SCHEDULED'; scheduledAt?: Date }> {
  switch (schedule.type) {
    case 'draft':
      return { status: 'DRAFT' }
    case 'now':
      return { status: 'SCHEDULED', scheduledAt: now }
    case 'at': {
      const at = new Date(schedule.at)
      if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS)
        throw new ApiError('INVALID_INPUT', {
          message: `schedule.at (${schedule.at}) is in the past; use { "type": "now" } to publish now.`,
          details: [{ path: 'body.schedule.at', message: 'is in the past' }],
        })
      return { status: 'SCHEDULED', scheduledAt: at }
    }
    case 'next-slot': {
      // A slot is free when none of this post's target accounts has a post at that instant.
      const schedule = await deps.db.slots.getPostingSchedule(workspaceId)
      const horizon = new Date(now.getTime() + 61 * 86_400_000)
      const taken = await deps.db.posts.takenTimes(accountIds, now, horizon)
      const at = nextFreeSlot(schedule.slots, schedule.timeZone, now, taken)
      if (!at)
        throw new ApiError('INVALID_INPUT', {
          message:
            'No free posting slot in the next 60 days; add slots (PUT /v1/workspace/slots) or schedule at a time.',
        })
      return { status: 'SCHEDULED', scheduledAt: at }
    }
  }
}

/** Adds the publish jobs for targets due now; the dispatcher would find them anyway, a bit later. */
export async function enqueueNow(deps: Deps, targetIds: string[], reason: 'publish-now' | 'retry') {
  // The very job the dispatcher would add (same id, same options), so whichever comes second is a
  // no-op. The engine removes a publish job once it settles, so a retry can reuse the id.
  const jobIds = targetIds.map(publishJobId)
  try {
    await deps.queues.publish.addBulk(targetIds.map((targetId) => publishJob(targetId, { reason })))
  } catch (error) {
    // The targets are SCHEDULED and due: the dispatcher's next scan picks them up.
    deps.log.warn({ err: error, targetIds }, 'could not add publish jobs; the dispatcher will')
  }
  return jobIds
}

/** Creates a post on its targets: validated for every platform first, then stored, then queued. */
export async function createPost(
  deps: Deps,
  principal: Principal,
  input: CreatePostInput,
  now = new Date(),
): Promise<{ post: PostGroupView; jobIds: string[]; warnings: DuplicateWarning[] }> {
  const ids = input.targets.map((t) => t.accountId)
  if (new Set(ids).size !== ids.length)
    throw new ApiError('VALIDATION_FAILED', {
      details: [{ path: 'body.targets', message: 'an account is targeted twice' }],
    })
  const accounts = await accountsOf(deps, principal.workspaceId, ids)
  throwIfProblems(
    validateTargets(
      deps,
      input.content,
      input.targets.map((t, i) => ({ account: accounts[i]!, override: t.override })),
    ),
  )
  const resolved = await resolveSchedule(deps, principal.workspaceId, ids, input.schedule, now)
  const { scheduledAt } = resolved
  const warnings = scheduledAt
    ? await findDuplicates(deps, {
        targets: input.targets.map((t, i) => ({
          account: accounts[i]!,
          content: resolveDraft(input.content, t.override ?? undefined),
        })),
        at: scheduledAt,
        windowMs: deps.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
      })
    : []
  const refused = warnings.filter((w) => w.refused)
  if (refused.length)
    throw new ApiError('DUPLICATE_CONTENT', {
      message: refused.map((w) => w.message).join(' '),
      details: { duplicates: refused },
    })
  // With an approval to get, nothing is scheduled yet: a draft waits to be submitted, a post
  // with a time (or "now") is submitted at once and keeps that time for its approval.
  const needsApproval =
    input.requiresApproval === true ||
    (await deps.db.approvals.getPolicy(principal.workspaceId)).required
  const status = !needsApproval
    ? resolved.status
    : resolved.status === 'SCHEDULED'
      ? ('IN_REVIEW' as const)
      : ('DRAFT' as const)
  const shortened =
    input.shortenLinks && deps.linkBaseUrl
      ? shortenLinks({
          content: input.content,
          targets: input.targets.map((t, i) => ({
            account: accounts[i]!,
            resolved: resolveDraft(input.content, t.override ?? undefined),
            override: t.override,
          })),
          baseUrl: deps.linkBaseUrl,
        })
      : null
  const targets = shortened
    ? input.targets.map((t, i) => ({ accountId: t.accountId, override: shortened.overrides[i] }))
    : input.targets
  if (input.repeat && !scheduledAt)
    throw new ApiError('VALIDATION_FAILED', {
      message:
        'A repeating post needs a time: schedule it "at" an instant, in the next slot, or now.',
      details: [{ path: 'body.repeat', message: 'needs a schedule other than draft' }],
    })
  const timeZone = input.repeat
    ? (input.timeZone ?? (await deps.db.slots.getPostingSchedule(principal.workspaceId)).timeZone)
    : input.timeZone
  const group = await deps.db.posts.createPostGroup({
    workspaceId: principal.workspaceId,
    ...(principal.userId ? { createdByUserId: principal.userId } : {}),
    content: input.content,
    targets: targets.map((t) =>
      t.override ? { accountId: t.accountId, override: t.override } : { accountId: t.accountId },
    ),
    status,
    ...(needsApproval && status === 'DRAFT' ? { approvalStatus: 'pending' as const } : {}),
    ...(scheduledAt ? { scheduledAt } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(input.repeat && scheduledAt
      ? { recurrence: repeatRule(input.repeat, scheduledAt, timeZone ?? 'UTC') }
      : {}),
    actor: principal.actor,
  })
  if (shortened?.links.length) {
    try {
      await deps.db.links.createShortLinks(principal.workspaceId, group.id, shortened.links)
    } catch (error) {
      // A post whose short links lead nowhere must not stay: nothing of it was sent yet.
      await deps.db.posts.deletePostGroup(principal.workspaceId, group.id)
      throw error
    }
  }
  if (status === 'IN_REVIEW')
    await emitPostEvent(deps, principal.workspaceId, 'post.submitted', {
      postId: group.id,
      approvalStatus: group.approvalStatus,
      actor: principal.actor,
    })
  const targetIds = group.targets.map((t) => t.id)
  const jobIds = needsApproval
    ? []
    : input.schedule.type === 'now'
      ? await enqueueNow(deps, targetIds, 'publish-now')
      : status === 'SCHEDULED'
        ? targetIds.map(publishJobId)
        : []
  // Built from what was just written rather than read back: one round trip fewer per post.
  const platformOf = new Map(accounts.map((a) => [a.id, a.platform]))
  const post: PostGroupView = {
    ...group,
    updatedAt: group.createdAt,
    targets: group.targets.map((t) => ({ ...t, platform: platformOf.get(t.accountId)! })),
  }
  return { post, jobIds, warnings }
}

/** The API's `repeat` as the db's rule: the first post's wall-clock time unless one is given. */
export function repeatRule(repeat: RepeatInput, first: Date, timeZone: string): RecurrenceRule {
  const local = toLocal(first, timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    weekdays: repeat.weekdays,
    time: repeat.time ?? `${pad(local.hour)}:${pad(local.minute)}`,
    timeZone,
    startsAt: first,
    ...(repeat.until ? { until: new Date(repeat.until) } : {}),
  }
}

export async function getPostOr404(
  deps: Pick<Deps, 'db'>,
  workspaceId: string,
  id: string,
): Promise<PostGroupView> {
  const post = await deps.db.posts.getPostGroupView(workspaceId, id)
  if (!post) throw new ApiError('NOT_FOUND', { message: `No post ${id} in this workspace.` })
  return post
}
