/** Only same-site paths, so a crafted `next=` link cannot bounce someone to another origin. */
export function safeNextPath(value: string | string[] | undefined, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  try {
    const url = new URL(raw, "http://custody.invalid");
    if (url.origin !== "http://custody.invalid" || url.pathname.startsWith("/signin") || url.pathname.startsWith("/step-up")) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
