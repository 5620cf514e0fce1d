export { default } from '@statex/eslint-config'
