import { app } from '@statex/tsup-config'

export default app()
