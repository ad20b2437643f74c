"use client";

import { formatAgo, formatUtc } from "../format";
import { useNow } from "./use-now";

/** "5h ago", with the exact UTC time in the title and the datetime attribute. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const exact = formatUtc(iso);
  const text = now === null ? formatUtc(iso, { seconds: false }) : formatAgo(now - Date.parse(iso));
  return (
    <time dateTime={iso} title={exact} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
