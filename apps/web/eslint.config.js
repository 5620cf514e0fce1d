import statex from '@statex/eslint-config'

export default [...statex, { ignores: ['.next/**', 'next-env.d.ts'] }]
