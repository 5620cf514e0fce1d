/**
 * Who wrote a note, from the API's actor string: `user:<id>` is a member (their name, else their
 * email), `api-key:<id>` an integration. A member who has left shows as "A former member".
 */
export function actorName(
  actor: string,
  members: { userId: string; name?: string | null; email: string }[] | undefined,
): string {
  const [kind, id] = actor.split(':', 2)
  if (kind === 'api-key') return 'An API key'
  if (kind !== 'user' || !id) return actor
  const member = members?.find((m) => m.userId === id)
  return member ? (member.name ?? member.email) : members ? 'A former member' : 'A member'
}
