import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Flags that let Debian's Chromium run headless as root in a container with no network beyond localhost.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Browser {
  context: BrowserContext
  close: () => Promise<void>
}

/** Debian's Chromium driven by playwright-core; a missing browser is a failure, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's chromium (\`apt-get install -y chromium\`) or set CHROMIUM_PATH; the browser tests never download a browser.`,
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'statex-web-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  })
  // Below Vitest's test timeout, so a stuck step fails with Playwright's account of what it waited for.
  context.setDefaultTimeout(10_000)
  context.setDefaultNavigationTimeout(15_000)
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
