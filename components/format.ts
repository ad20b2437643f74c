// Deterministic formatting (UTC, fixed English), so server and browser render the same text.

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-22 14:05:09 UTC" */
export function formatUtc(iso: string, { seconds = true }: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ""}`;
  return `${date} ${time} UTC`;
}

/** "14:05 UTC", for moments the reader just saw happen (the date is today's). */
export function formatUtcTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "3m ago", "5h ago", "2d ago" (coarse, for ages in lists). */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return "just now";
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

/** "29:05", "1:02:03" (remaining time, for grants). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** Spoken form of a duration, for screen readers: "29 minutes 5 seconds". */
export function describeDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = [h && `${h} hour${h === 1 ? "" : "s"}`, m && `${m} minute${m === 1 ? "" : "s"}`, (sec || s === 0) && `${sec} second${sec === 1 ? "" : "s"}`];
  return parts.filter(Boolean).join(" ");
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "22 Nov 14:05" in UTC, for dense lists that say once that times are UTC. */
export function formatUtcCompact(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * "2026-11-22 15:05:09 CET" in the given IANA zone (the viewer's, in the browser); the short
 * zone name comes from Intl. Falls back to UTC text for a zone Intl does not know.
 */
export function formatInZone(iso: string, timeZone: string, { seconds = true, date = true }: { seconds?: boolean; date?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    }).formatToParts(d);
  } catch {
    return formatUtc(iso, { seconds });
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${get("hour")}:${get("minute")}${seconds ? `:${get("second")}` : ""}`;
  const zone = get("timeZoneName");
  return `${date ? `${get("year")}-${get("month")}-${get("day")} ` : ""}${time} ${zone}`;
}
