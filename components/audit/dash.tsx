/** An empty cell: a dash for the eye, "none" for screen readers. */
export function Dash() {
  return (
    <>
      <span aria-hidden="true" className="text-zinc-400">
        —
      </span>
      <span className="sr-only">none</span>
    </>
  );
}
