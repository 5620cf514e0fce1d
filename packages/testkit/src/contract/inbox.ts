/** The contract's inbox checks: interactions page through exactly once, replies land, webhooks verify and parse. */
import { describe, expect, it } from 'vitest'
import type { Interaction } from '@statex/core'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'

export function inboxChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { options, publishSettled } = ctx
  describe('interactions', () => {
    it('normalises interactions and pages through them, each exactly once', async () => {
      const { simulator, provider } = ctx
      if (!provider.listInteractions) {
        expect(provider.capabilities.interactions.delivery).not.toContain('polling')
        return
      }
      const target = simulator.createAccount({ name: 'Inbox' })
      const post = await publishSettled(target)
      const count = options.interactionsToSeed ?? 25
      const seeded = new Set<string>()
      for (let i = 0; i < count; i++) {
        seeded.add(
          simulator.simulateInteraction({
            account: target,
            externalPostId: post.externalId,
            text: `answer ${i}`,
            authorName: `Person ${i}`,
          }).externalId,
        )
      }
      const seen: Interaction[] = []
      let cursor: string | undefined
      let pages = 0
      do {
        const page = await provider.listInteractions({ account: target, cursor })
        seen.push(...page.items)
        cursor = page.nextCursor
        pages++
      } while (cursor && pages < 100 && seen.length < count * 3)
      const ids = seen.map((i) => i.externalId)
      expect(new Set(ids).size).toBe(ids.length)
      for (const id of seeded) expect(ids).toContain(id)
      expect(pages).toBeGreaterThan(1)
      for (const item of seen) {
        expect(item.platform).toBe(provider.platform)
        expect(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION']).toContain(item.type)
        expect(item.author.externalId).toMatch(/\S/)
        expect(item.createdAt).toBeInstanceOf(Date)
        expect(Number.isNaN(item.createdAt.getTime())).toBe(false)
        expect(item.raw).toBeDefined()
      }
      expect(seen.map((i) => i.text)).toEqual(
        expect.arrayContaining(['answer 0', `answer ${count - 1}`]),
      )
      // Asking again from where paging stopped returns nothing already seen.
      const again = await provider.listInteractions({ account: target, cursor })
      for (const item of again.items) expect(ids).not.toContain(item.externalId)
    })

    it('replies to an interaction', async () => {
      const { simulator, provider } = ctx
      if (!provider.reply) return expect(provider.capabilities.interactions.types).toEqual([])
      const target = simulator.createAccount({ name: 'Replier' })
      const post = await publishSettled(target)
      simulator.simulateInteraction({
        account: target,
        externalPostId: post.externalId,
        text: 'a question',
        authorName: 'Asker',
      })
      const interactions = provider.listInteractions
        ? (await provider.listInteractions({ account: target })).items
        : provider
            .webhooks!.parse({
              body: JSON.parse(
                String(simulator.webhookDelivery!({ account: target, text: 'a question' }).rawBody),
              ),
            })
            .flatMap((e) => (e.kind === 'interaction' ? [e.interaction] : []))
      const question = interactions.find((i) => i.text === 'a question')
      expect(question).toBeDefined()
      const { externalId } = await provider.reply({
        account: target,
        to: question!,
        text: 'an answer',
      })
      expect(simulator.findPost(target, externalId)?.text).toBe('an answer')
    })
  })

  describe('webhooks', () => {
    it('accepts a signed delivery and rejects a tampered one', () => {
      const { simulator, provider, account } = ctx
      if (!provider.webhooks || !simulator.webhookDelivery) {
        expect(provider.capabilities.interactions.delivery).not.toContain('webhook')
        return
      }
      const delivery = simulator.webhookDelivery({ account, text: 'pushed answer' })
      expect(provider.webhooks.verify(delivery)).toBe(true)
      const raw =
        typeof delivery.rawBody === 'string'
          ? delivery.rawBody
          : Buffer.from(delivery.rawBody).toString('utf8')
      const tampered = raw.replace('pushed answer', 'pushed answeR')
      expect(tampered).not.toBe(raw)
      if ((options.webhookAuthentication ?? 'signature') === 'signature') {
        expect(provider.webhooks.verify({ ...delivery, rawBody: tampered })).toBe(false)
      }
      const forged = Object.fromEntries(
        Object.entries(delivery.headers).map(([k, v]) => [
          k,
          typeof v === 'string' ? v.slice(0, -2) + (v.endsWith('aa') ? 'bb' : 'aa') : v,
        ]),
      )
      expect(provider.webhooks.verify({ ...delivery, headers: forged })).toBe(false)
      expect(provider.webhooks.verify({ ...delivery, headers: {} })).toBe(false)
      const events = provider.webhooks.parse({ body: JSON.parse(raw) })
      const texts = events.flatMap((e) => (e.kind === 'interaction' ? [e.interaction.text] : []))
      expect(texts).toContain('pushed answer')
    })
  })
}
