'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import type { Platform } from '@statex/core'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { useConnectWithToken } from '@/lib/queries/accounts'

const COPY: Partial<
  Record<Platform, { token: string; tokenHint: string; id: string; idHint: string }>
> = {
  telegram: {
    token: 'Bot token',
    tokenHint: 'From @BotFather: <bot id>:<secret>. The bot must be an admin of the channel.',
    id: 'Channel',
    idHint: 'The channel’s @username or numeric chat id (e.g. -1001234567890).',
  },
  whatsapp: {
    token: 'System user access token',
    tokenHint: 'From Meta Business settings, with whatsapp_business_messaging.',
    id: 'Phone number id',
    idHint: 'The id of the business phone number (not the number itself).',
  },
}

// The API's own bounds for POST /v1/accounts/{platform}/token.
const schema = z.object({
  accessToken: z
    .string()
    .check(z.trim(), z.minLength(10, 'Paste the whole token: it is at least 10 characters.')),
  externalAccountId: z
    .string()
    .check(z.trim(), z.minLength(1, 'Required: the platform needs to know which account.')),
})
type Values = z.infer<typeof schema>

/** The token form of a token-based platform (Telegram, WhatsApp); the API checks the token with the platform first. */
export default function ConnectTokenForm({
  platform,
  onConnected,
}: {
  platform: Platform
  onConnected: () => void
}) {
  const ids = useId()
  const connect = useConnectWithToken()
  const copy = COPY[platform] ?? {
    token: 'Access token',
    tokenHint: '',
    id: 'Account id',
    idHint: '',
  }
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { accessToken: '', externalAccountId: '' },
  })
  const { errors, isSubmitting } = form.formState
  const label = PLATFORM_LABELS[platform]

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const account = await connect.mutateAsync({ platform, ...values })
      toast.success(`${label} connected: ${account.displayName}.`)
      form.reset()
      onConnected()
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="flex flex-col gap-3" noValidate>
      <Field
        id={`${ids}-token`}
        label={copy.token}
        hint={copy.tokenHint}
        error={errors.accessToken?.message}
      >
        <Input
          id={`${ids}-token`}
          type="password"
          autoComplete="off"
          aria-invalid={errors.accessToken ? true : undefined}
          aria-describedby={`${ids}-token-hint`}
          {...form.register('accessToken')}
        />
      </Field>
      <Field
        id={`${ids}-id`}
        label={copy.id}
        hint={copy.idHint}
        error={errors.externalAccountId?.message}
      >
        <Input
          id={`${ids}-id`}
          autoComplete="off"
          aria-invalid={errors.externalAccountId ? true : undefined}
          aria-describedby={`${ids}-id-hint`}
          {...form.register('externalAccountId')}
        />
      </Field>
      {errors.root && (
        <p
          role="alert"
          className="rounded-md bg-danger-bg px-3 py-2 text-sm font-medium text-danger"
        >
          {errors.root.message}
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {isSubmitting ? 'Checking…' : `Connect ${label}`}
        </Button>
      </div>
    </form>
  )
}
