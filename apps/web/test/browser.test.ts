import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { DEMO_USER_EMAIL } from '@statex/db'
import type { TestDatabase } from '@statex/db/testing'
import { createTestDatabase } from '@statex/db/testing'
import { encode } from 'next-auth/jwt'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from './support/chromium'
import { launchChromium } from './support/chromium'
import type { RunningApp } from './support/next-server'
import { startApp } from './support/next-server'

// Two are committed as a record of what the pages look like; the rest go to the ignored tmp/ folder.
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url))
const SCRATCH = `${SCREENSHOTS}tmp/`
const SECRET = randomBytes(32).toString('base64')
const DEMO_PASSWORD = `demo-${randomBytes(9).toString('base64url')}`

let database: TestDatabase
let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  // Chromium first: without it there is nothing to run, and the error should say so at once.
  browser = await launchChromium()
  // A real PostgreSQL database of this file's own, migrated, with the demo user and a password.
  database = await createTestDatabase()
  await database.db.seedDemo({ password: DEMO_PASSWORD })
  const keys = Object.entries(database.keyring.keys).map(
    ([id, key]) => `${id}:${Buffer.from(key).toString('base64')}`,
  )
  app = await startApp((baseUrl) => ({
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: baseUrl,
    DATABASE_URL: database.databaseUrl,
    STATEX_ENCRYPTION_KEYS: keys.join(','),
  }))
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  await mkdir(SCRATCH, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await database?.drop()
})

async function signInAs(name: string, email: string) {
  // A session cookie as next-auth issues it, signed with the server's secret. The password flow is
  // covered above; here it would only add scrypt time to every test.
  const value = await encode({ token: { sub: 'user-browser-test', name, email }, secret: SECRET })
  await browser.context.addCookies([{ name: 'next-auth.session-token', value, url: app.baseUrl }])
}

const card = (platform: string): Locator => page.locator(`article[data-platform="${platform}"]`)
const countOf = (platform: string) => card(platform).locator('.count-value').textContent()
const issuesOf = (platform: string) => card(platform).locator('.issues li').allTextContents()

async function freshComposer(platforms: string[]) {
  await page.goto(`${app.baseUrl}/compose`)
  for (const platform of platforms)
    await page.locator(`input[name="platforms"][value="${platform}"]`).check()
}

describe('signing in', () => {
  it('sends a visitor to the sign-in page and back to where they were going', async () => {
    const response = await page.goto(`${app.baseUrl}/compose`)
    expect(response?.ok()).toBe(true)
    expect(new URL(page.url()).pathname).toBe('/signin')
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/compose')
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in')
    await expect(page.getByLabel('Email').isVisible()).resolves.toBe(true)
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true)
    await expect(page.locator('.account').textContent()).resolves.toContain('Not signed in')
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
  })

  it('refuses a wrong password without saying which half was wrong, and never logs it', async () => {
    await page.getByLabel('Email').fill(DEMO_USER_EMAIL)
    await page.getByLabel('Password').fill('wrong-password-123')
    await page.getByRole('button', { name: 'Sign in' }).click()
    // Scoped to the form: Next's route announcer is an (empty) alert too.
    const alert = page.locator('form.sign-in').getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toBe('That email and password do not match an account.')
    expect(new URL(page.url()).pathname).toBe('/signin')
    expect(app.output()).not.toContain('wrong-password-123')
    await page.screenshot({ path: `${SCREENSHOTS}signin.png` })
  })

  it('signs the demo user in with the right password and returns to the page asked for', async () => {
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${app.baseUrl}/compose`)
    await expect
      .poll(() => page.locator('.account').textContent())
      .toContain('Signed in as Demo User')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/signin/)
    await expect.poll(() => page.locator('.account').textContent()).toContain('Not signed in')
  })
})

describe('the composer, signed in', () => {
  beforeAll(async () => {
    await signInAs('Dana Example', 'dana@example.com')
  })

  it('shows who is signed in and the sections', async () => {
    await page.goto(`${app.baseUrl}/compose`)
    expect(new URL(page.url()).pathname).toBe('/compose')
    await expect(page.locator('.account').textContent()).resolves.toContain(
      'Signed in as Dana Example',
    )
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Compose',
      'Calendar',
      'Inbox',
      'Analytics',
      'Accounts',
    ])
    await expect(
      nav.getByRole('link', { name: 'Compose' }).getAttribute('aria-current'),
    ).resolves.toBe('page')
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true)
  })

  it('marks 281 weighted characters on X as over the limit and says by how much', async () => {
    await freshComposer(['twitter'])
    await page.getByLabel('Post text').fill('a'.repeat(281))
    await expect.poll(() => countOf('twitter')).toBe('281/280')
    await expect(card('twitter').getAttribute('data-state')).resolves.toBe('over')
    const issues = await issuesOf('twitter')
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/^text The text is 281 .*X allows 280\. Shorten it by 1\.$/)
    const colour = await card('twitter')
      .locator('.count')
      .evaluate((el) => getComputedStyle(el).color)
    expect(colour).toBe('rgb(179, 38, 30)')
    // Focus moved off the text so the committed picture is the same from run to run.
    await page.getByLabel('Post text').blur()
    await page.screenshot({ path: `${SCREENSHOTS}compose-x-over-limit.png`, fullPage: true })
  })

  it('accepts exactly 280, and counts an emoji as 2 the way X does', async () => {
    await freshComposer(['twitter'])
    await page.getByLabel('Post text').fill('a'.repeat(280))
    await expect.poll(() => countOf('twitter')).toBe('280/280')
    await expect(card('twitter').getAttribute('data-state')).resolves.toBe('ok')
    expect(await issuesOf('twitter')).toEqual([])
    await expect(card('twitter').locator('.ok').textContent()).resolves.toBe('No problems for X.')

    await page.getByLabel('Post text').fill('😀'.repeat(141))
    await expect.poll(() => countOf('twitter')).toBe('282/280')
  })

  it('counts every URL as 23 on X, and leaves a separate link out of the LinkedIn count', async () => {
    await freshComposer(['twitter', 'linkedin'])
    await page.getByLabel('Post text').fill(`Read https://example.com/${'long-path/'.repeat(12)}`)
    await expect.poll(() => countOf('twitter')).toBe(`${'Read '.length + 23}/280`)

    await page.getByLabel('Post text').fill('a'.repeat(10))
    await page.getByLabel('Link (optional)').fill(`https://example.com/${'p'.repeat(100)}`)
    // The link is appended after a blank line on X: 10 + 2 + 23.
    await expect.poll(() => countOf('twitter')).toBe('35/280')
    await expect.poll(() => countOf('linkedin')).toBe('10/3000')
  })

  it('asks for an image or video on Instagram until one is attached', async () => {
    await freshComposer(['instagram'])
    await page.getByLabel('Post text').fill('Sunset over the harbour #photography')
    await expect
      .poll(() => issuesOf('instagram'))
      .toEqual(['media Instagram needs at least 1 image or video in a post.'])

    await page.getByRole('button', { name: 'Add media' }).click()
    await page.getByLabel('Media 1 URL').fill('https://cdn.example.com/sunset.jpg')
    await page.getByLabel('Alt text').fill('The harbour at sunset, boats in silhouette')
    await expect.poll(() => issuesOf('instagram')).toEqual([])
    await page.screenshot({ path: `${SCRATCH}compose-instagram.png`, fullPage: true })
  })

  it('fits a phone screen without sideways scrolling, even with a long unbroken text', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await freshComposer(['twitter', 'telegram'])
      await page
        .getByLabel('Post text')
        .fill(`https://example.com/${'unbroken'.repeat(60)} ${'x'.repeat(300)}`)
      await page.getByRole('button', { name: 'Add media' }).click()
      await expect.poll(() => countOf('telegram')).toBe('801/1024')
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow).toBe(0)
      await page.screenshot({ path: `${SCRATCH}compose-phone.png`, fullPage: true })
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  it('says plainly that a section is not built yet', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click()
    await page.waitForURL(`${app.baseUrl}/inbox`)
    await expect(page.locator('.placeholder').textContent()).resolves.toContain('Not built yet.')
  })
})
