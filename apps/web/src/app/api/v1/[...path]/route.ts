import { forwardToApi } from '@/server/api-proxy'

type Context = { params: Promise<{ path: string[] }> }

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params
  return forwardToApi(request, `/v1/${path.map(encodeURIComponent).join('/')}`)
}

export const GET = handle
export const POST = handle
export const PATCH = handle
export const PUT = handle
export const DELETE = handle
