import { useEffect, useState } from 'react'
import type * as Rules from './composer-model'

export type ComposerRules = typeof Rules

// The rules (core's validation with twitter-text, and the zod schema) are half of the page's
// JavaScript: the form paints without them, and they load right after.
export const loadComposerRules = (): Promise<ComposerRules> => import('./composer-model')

/** The rules module once it has loaded; `undefined` for the moment before. */
export function useComposerRules(): ComposerRules | undefined {
  const [rules, setRules] = useState<ComposerRules>()
  useEffect(() => {
    let live = true
    void loadComposerRules().then((loaded) => {
      if (live) setRules(loaded)
    })
    return () => {
      live = false
    }
  }, [])
  return rules
}
