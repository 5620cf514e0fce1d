import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { SiteHeader } from '@/components/site-header'
import { Providers } from './providers'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Statex Social', template: '%s · Statex Social' },
  description: 'Write once, publish on time, and know what happened on every platform.',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // next-themes sets the theme class before hydration; the attribute differs on purpose.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen">
        <a
          href="#main"
          className="absolute -left-[999px] top-2 z-50 rounded bg-surface px-3 py-2 focus:left-2"
        >
          Skip to content
        </a>
        <Providers>
          <SiteHeader />
          <main id="main" className="mx-auto max-w-6xl px-4 pt-6 pb-16 sm:px-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  )
}
