import type { UseFormRegisterReturn } from 'react-hook-form'

/** Ask the API to swap the text's URLs for our counted short links (with UTM parameters). */
export function ShortenLinksOption({
  id,
  registration,
}: {
  id: string
  registration: UseFormRegisterReturn
}) {
  return (
    <div className="flex flex-col gap-0.5">
      <label className="flex items-center gap-2 text-sm font-semibold">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          aria-describedby={`${id}-hint`}
          {...registration}
        />
        Shorten links and count clicks
      </label>
      <p id={`${id}-hint`} className="pl-6 text-sm text-muted">
        Links in the text become short links of ours that count clicks per platform and add UTM
        parameters; the clicks show on the analytics page.
      </p>
    </div>
  )
}
