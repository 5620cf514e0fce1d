import NextAuth from 'next-auth'
import { authOptions } from '@/server/auth-options'
import { getConfig } from '@/server/config'

// Built per request from the validated config, so importing this route (at build time) reads no environment.
async function handler(
  request: Request,
  context: { params: Promise<{ nextauth: string[] }> },
): Promise<Response> {
  return NextAuth(authOptions(await getConfig()))(request, context)
}

export { handler as GET, handler as POST }
