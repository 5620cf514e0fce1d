// TEMPORARY: the adapters are being written in parallel; removed as soon as they are committed.
declare module '@statex/telegram' {
  import type { SocialProvider } from '@statex/core'
  export function telegram(options?: { baseUrl?: string; fetch?: typeof fetch; webhookSecret?: string; pageSize?: number }): SocialProvider
}
declare module '@statex/whatsapp' {
  import type { SocialProvider } from '@statex/core'
  export function whatsapp(options?: {
    baseUrl?: string
    apiVersion?: string
    fetch?: typeof fetch
    appSecret?: string
    verifyToken?: string
  }): SocialProvider
}
