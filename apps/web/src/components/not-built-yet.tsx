/** An honest placeholder for a section whose issue has not landed: no sample data. */
export function NotBuiltYet({ title, arrivesWith }: { title: string; arrivesWith: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="placeholder">
        <p>
          <strong>Not built yet.</strong> {title} arrives in a later issue, together with{' '}
          {arrivesWith}.
        </p>
        <p>Nothing here is shown until it is real.</p>
      </div>
    </>
  )
}
