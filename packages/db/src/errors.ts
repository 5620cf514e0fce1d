import type { PostStatus } from '@statex/core'

/** A row the caller named does not exist (or is not in the caller's workspace). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found.`)
  }
}

/**
 * A post was not in the status or version the caller expected when the change was written:
 * another request or worker changed it first. Re-read and decide again; never retry blindly.
 */
export class StatusConflictError extends Error {
  override readonly name = 'StatusConflictError'
  constructor(
    readonly postId: string,
    readonly expected: { status?: PostStatus; version?: number },
    readonly actual: { status: PostStatus; version: number } | null,
  ) {
    const wanted = [
      expected.status,
      expected.version === undefined ? undefined : `version ${expected.version}`,
    ]
      .filter(Boolean)
      .join(', ')
    const found = actual ? `${actual.status}, version ${actual.version}` : 'no such post'
    super(
      `Post ${postId} changed concurrently: expected ${wanted || 'its last read state'}, found ${found}.`,
    )
  }
}

/** An account with posts cannot be deleted (their history would go with it): disable it instead. */
export class AccountHasPostsError extends Error {
  override readonly name = 'AccountHasPostsError'
  constructor(readonly accountId: string) {
    super(
      `Account ${accountId} has posts; disable it instead of deleting it so their history stays.`,
    )
  }
}

/** A value the caller passed is not acceptable (an unknown time zone, an account from another workspace). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError'
}

/** `finishPublishAttempt` was called for an attempt that already has its final outcome. */
export class AttemptAlreadyFinishedError extends Error {
  override readonly name = 'AttemptAlreadyFinishedError'
  constructor(readonly attemptId: string) {
    super(`Publish attempt ${attemptId} has already finished; its outcome is not rewritten.`)
  }
}

/** The change would leave a workspace without an owner. */
export class LastOwnerError extends Error {
  override readonly name = 'LastOwnerError'
  constructor(readonly workspaceId: string) {
    super('A workspace keeps at least one owner: make someone else owner first.')
  }
}

/** A review step that the post's approval state does not allow (approving a post not in review). */
export class ApprovalStateError extends Error {
  override readonly name = 'ApprovalStateError'
  constructor(
    readonly groupId: string,
    readonly approvalStatus: string,
    message: string,
  ) {
    super(message)
  }
}

/** Sign-up with an email that already has an account. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError'
  constructor(readonly email: string) {
    super('An account with this email exists; sign in instead.')
  }
}

/** Sign-up or sign-in with an invitation token that is unknown, used or expired. */
export class InvitationInvalidError extends Error {
  override readonly name = 'InvitationInvalidError'
  constructor() {
    super('This invitation is unknown, used or expired; ask for a new one.')
  }
}

/** A new person signing in through an identity provider while sign-up is off and nobody invited them. */
export class SignUpClosedError extends Error {
  override readonly name = 'SignUpClosedError'
  constructor(readonly email: string) {
    super('Sign-up is turned off on this server; ask a workspace owner for an invitation.')
  }
}
