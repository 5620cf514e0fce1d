import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import { generatedFileIgnores } from './ignores.js'

/**
 * The shared flat config. Type-unaware rules only, so `lint` stays fast and needs no build.
 * A package's eslint.config.js is `export { default } from '@statex/eslint-config'`, or spreads
 * this array and adds its own entries.
 */
export default tseslint.config(
  // Generated files: the repository's one list (.prettierignore), shared with Prettier. Type
  // declarations are written by hand only in src/types, and type-unaware rules misread them.
  { ignores: [...generatedFileIgnores(), '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union instead of an enum.' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['**/test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
