import { z } from 'zod'

/**
 * The Graph error envelope. Unknown fields pass through (`looseObject`): Meta adds fields often.
 * `error_data` is a string on some products and an object on WhatsApp (`details`).
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export const graphErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().optional(),
    error_subcode: z.coerce.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    error_data: z
      .union([
        z.looseObject({ messaging_product: z.string().optional(), details: z.string().optional() }),
        z.string(),
      ])
      .optional(),
    fbtrace_id: z.string().optional(),
  }),
})
export type GraphError = z.infer<typeof graphErrorSchema>['error']

/** `paging` of a Graph list: cursors, and `next` only when there is a next page. */
export const pagingSchema = z.looseObject({
  cursors: z
    .looseObject({ before: z.string().optional(), after: z.string().optional() })
    .optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
})

/** A Graph list: `data` plus `paging`. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), paging: pagingSchema.optional() })
}
