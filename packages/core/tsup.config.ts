import { publishableLibrary } from '@statex/tsup-config'

export default publishableLibrary({
  index: 'src/index.ts',
  adapter: 'src/adapter.ts',
  // The statuses alone, without the content rules (twitter-text): light enough for any page.
  'post-status': 'src/post-status.ts',
})
