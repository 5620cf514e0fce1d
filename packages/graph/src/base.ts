/**
 * The Graph API version every Statex Meta adapter uses unless told otherwise. Meta supports each
 * version for about two years; pass `apiVersion` to move ahead of (or stay behind) this default.
 * @see https://developers.facebook.com/docs/graph-api/changelog/versions
 */
export const DEFAULT_GRAPH_API_VERSION = 'v23.0'

/**
 * The two Graph hosts: `graph.facebook.com` for Facebook Login tokens (Pages, Instagram through a
 * Page, WhatsApp), `graph.instagram.com` for Instagram Login tokens (Instagram API with Instagram Login).
 * @see https://developers.facebook.com/docs/instagram-platform/overview#instagram-api-with-instagram-login
 */
export const GRAPH_HOSTS = {
  facebook: 'https://graph.facebook.com',
  instagram: 'https://graph.instagram.com',
} as const

export type GraphHost = keyof typeof GRAPH_HOSTS

export interface GraphBaseOptions {
  /** Origin replacing Meta's (a simulator, a proxy). Default: the host's origin. */
  baseUrl?: string
  /** Which Graph host; default `facebook`. Ignored when `baseUrl` is given. */
  host?: GraphHost
  /** `v23.0` form; default `DEFAULT_GRAPH_API_VERSION`. */
  apiVersion?: string
}

const VERSION = /^v\d+\.\d+$/

/**
 * The versioned base every Graph path hangs off, e.g. `https://graph.facebook.com/v23.0`.
 * @throws TypeError for a version not shaped like `v23.0`, so a typo fails at start-up, not on a post.
 */
export function graphBaseUrl(options: GraphBaseOptions = {}): string {
  const version = options.apiVersion ?? DEFAULT_GRAPH_API_VERSION
  if (!VERSION.test(version))
    throw new TypeError(`Graph API version "${version}" must look like v23.0.`)
  const origin = (options.baseUrl ?? GRAPH_HOSTS[options.host ?? 'facebook']).replace(/\/+$/, '')
  return `${origin}/${version}`
}
