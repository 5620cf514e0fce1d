import Fastify, { type FastifyInstance } from 'fastify'
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { randomUUID } from 'node:crypto'
import type { ApiConfig } from './config.js'
import type { AppDeps } from './deps.js'
import { loggerOptions } from './logger.js'
import { authPlugin } from './plugins/auth.js'
import { registerDocs } from './plugins/docs.js'
import { installErrorHandler } from './plugins/error-handler.js'
import { registerSecurity } from './plugins/security.js'
import { accountRoutes } from './routes/accounts.js'
import { analyticsRoutes } from './routes/analytics.js'
import { apiKeyRoutes } from './routes/api-keys.js'
import { approvalRoutes } from './routes/approvals.js'
import { authOptionsRoutes } from './routes/auth-options.js'
import { oauthSignInRoutes } from './routes/oauth-sign-in.js'
import { signInRoutes } from './routes/sign-in.js'
import { signUpRoutes } from './routes/sign-up.js'
import { myWorkspaceRoutes } from './routes/my-workspaces.js'
import { reviewLinkRoutes } from './routes/review-links.js'
import { feedRoutes } from './routes/feeds.js'
import { linkRoutes } from './routes/links.js'
import { notificationRoutes } from './routes/notifications.js'
import { healthRoutes } from './routes/health.js'
import { aiAssistRoutes } from './routes/ai-assist.js'
import { conversationRoutes } from './routes/conversations.js'
import { inboxSettingsRoutes } from './routes/inbox-settings.js'
import { importRoutes } from './routes/imports.js'
import { interactionRoutes } from './routes/interactions.js'
import { savedReplyRoutes } from './routes/saved-replies.js'
import { platformRoutes } from './routes/platforms.js'
import { postRoutes } from './routes/posts.js'
import { mediaRoutes } from './routes/media.js'
import { inboundWebhookRoutes } from './routes/webhooks-inbound.js'
import { webhookEndpointRoutes } from './routes/webhook-endpoints.js'
import { workspaceRoutes } from './routes/workspaces.js'

/** The settings `buildApp` reads; tests pass a few, `startApi` the whole `ApiConfig`. */
export type AppConfig = Pick<ApiConfig, 'logLevel'> &
  Partial<
    Pick<
      ApiConfig,
      | 'publicUrl'
      | 'oauthCallbackBaseUrl'
      | 'corsOrigins'
      | 'nextauthSecret'
      | 'queuePrefix'
      | 'rateLimitPerMinute'
      | 'mediaDir'
      | 'allowPrivateUrls'
      | 'duplicateWindowHours'
      | 'linkBaseUrl'
      | 'trustedProxies'
      | 'signUpEnabled'
      | 'signUpsPerHour'
      | 'signInAttemptsPerHour'
    >
  >

export interface BuildAppOptions extends AppDeps {
  config: AppConfig
  /** Where log lines go; stdout by default. Tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream
  /** Per-dependency limit for `GET /health`; default 2000 ms. */
  healthCheckTimeoutMs?: number
  /** Largest request body accepted; default 1 MiB. */
  bodyLimit?: number
}

/**
 * Builds the API without listening, so tests drive it with `app.inject()`. Connections are
 * passed in and owned by the caller: closing the app does not close them.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db, redis, providers, queues } = options
  const prefix = config.queuePrefix ?? 'statex'
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    genReqId: () => randomUUID(),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // X-Forwarded-For only from the dashboard and proxies named in TRUSTED_PROXIES: behind the
    // dashboard every caller would otherwise share its address in the per-IP counters.
    ...(config.trustedProxies?.length ? { trustProxy: [...config.trustedProxies] } : {}),
    // Report every schema problem at once, not the first.
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  installErrorHandler(app)
  await registerSecurity(app, {
    corsOrigins: config.corsOrigins ?? [],
    redis,
    rateLimitPerMinute: config.rateLimitPerMinute ?? 600,
    prefix,
  })
  await registerDocs(app, config.publicUrl ?? 'http://localhost:4000')
  await app.register(authPlugin, {
    db,
    redis,
    prefix,
    ...(config.nextauthSecret ? { nextauthSecret: config.nextauthSecret } : {}),
  })

  await app.register(healthRoutes, {
    db,
    redis,
    providers,
    queues,
    checkTimeoutMs: options.healthCheckTimeoutMs ?? 2000,
    queuePrefix: prefix,
  })
  await app.register(platformRoutes, { providers })
  const webhooks = {
    ...(options.webhookQueue ? { webhookQueue: options.webhookQueue } : {}),
    ...(options.notificationQueue ? { notificationQueue: options.notificationQueue } : {}),
  }
  const duplicateWindowMs = (config.duplicateWindowHours ?? 72) * 3_600_000
  await app.register(postRoutes, {
    db,
    providers,
    queues,
    ...webhooks,
    duplicateWindowMs,
    linkBaseUrl: config.linkBaseUrl ?? config.publicUrl ?? 'http://localhost:4000',
  })
  await app.register(linkRoutes, { db })
  await app.register(notificationRoutes, { db })
  await app.register(importRoutes, { db, providers, ...webhooks, duplicateWindowMs })
  await app.register(feedRoutes, {
    db,
    ...(config.allowPrivateUrls ? { allowPrivateUrls: true } : {}),
  })
  await app.register(approvalRoutes, { db, providers, queues, ...webhooks })
  await app.register(reviewLinkRoutes, {
    db,
    providers,
    queues,
    ...webhooks,
    publicUrl: config.publicUrl ?? 'http://localhost:4000',
  })
  await app.register(accountRoutes, {
    db,
    providers,
    publicUrl: config.oauthCallbackBaseUrl ?? config.publicUrl ?? 'http://localhost:4000',
  })
  await app.register(inboundWebhookRoutes, { db, providers, queues })
  await app.register(workspaceRoutes, { db })
  await app.register(myWorkspaceRoutes, { db })
  await app.register(signInRoutes, {
    db,
    signInAttemptsPerHour: config.signInAttemptsPerHour ?? 30,
  })
  const signUpEnabled = config.signUpEnabled ?? true
  await app.register(signUpRoutes, {
    db,
    signUpsPerHour: config.signUpsPerHour ?? 10,
    signUpEnabled,
  })
  await app.register(authOptionsRoutes, { signUpEnabled })
  await app.register(oauthSignInRoutes, {
    db,
    signUpEnabled,
    ...(config.nextauthSecret ? { nextauthSecret: config.nextauthSecret } : {}),
  })
  await app.register(apiKeyRoutes, { db })
  await app.register(interactionRoutes, { db, providers, chain: options.chain ?? null })
  await app.register(aiAssistRoutes, { db, chain: options.chain ?? null })
  await app.register(conversationRoutes, { db })
  await app.register(savedReplyRoutes, { db })
  await app.register(inboxSettingsRoutes, { db })
  await app.register(analyticsRoutes, { db })
  await app.register(webhookEndpointRoutes, {
    db,
    ...(options.webhookQueue ? { webhookQueue: options.webhookQueue } : {}),
  })
  await app.register(mediaRoutes, {
    providers,
    dir: config.mediaDir ?? '.statex/media',
    publicUrl: config.publicUrl ?? 'http://localhost:4000',
    ...(config.allowPrivateUrls ? { fetchAllowPrivate: true } : {}),
  })
  return app
}
