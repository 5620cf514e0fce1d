/** Read by the API proxy (src/server/api-proxy.ts) and sent as X-Statex-Workspace. */
export const WORKSPACE_COOKIE = 'statex-workspace'
const YEAR_S = 365 * 24 * 3600

/** Makes `id` the workspace every later API call from this browser acts in. */
export function rememberWorkspace(id: string): void {
  document.cookie = `${WORKSPACE_COOKIE}=${encodeURIComponent(id)}; path=/; max-age=${YEAR_S}; samesite=lax`
}
