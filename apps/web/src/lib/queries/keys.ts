/** Query keys by resource; a write invalidates its resource's prefix. */
export const keys = {
  posts: ['posts'] as const,
  postList: (filters: object) => ['posts', 'list', filters] as const,
  post: (id: string) => ['posts', 'one', id] as const,
  accounts: ['accounts'] as const,
  platforms: ['platforms'] as const,
  workspace: ['workspace'] as const,
  myWorkspaces: ['me', 'workspaces'] as const,
  members: ['workspace', 'members'] as const,
  invitations: ['workspace', 'invitations'] as const,
  slots: ['workspace', 'slots'] as const,
  apiKeys: ['api-keys'] as const,
  webhooks: ['webhooks'] as const,
  feeds: ['feeds'] as const,
  interactions: (filters: object) => ['interactions', filters] as const,
  analytics: (range: object) => ['analytics', range] as const,
}
