"use client";

import { useSyncExternalStore } from "react";
import { formatInZone, formatUtc } from "../format";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => null;

/**
 * A moment in the viewer's own time zone, with the exact UTC time on hover (title) and in
 * dateTime. The server and the hydrating render show UTC (they cannot know the zone), so the
 * HTML matches; the browser then switches to its zone.
 */
export function LocalTime({ iso, seconds = true, date = true, className }: { iso: string; seconds?: boolean; date?: boolean; className?: string }) {
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  const utc = formatUtc(iso);
  const text = zone === null ? formatUtc(iso, { seconds }) : formatInZone(iso, zone, { seconds, date });
  return (
    <time dateTime={iso} title={utc} className={className ?? "whitespace-nowrap tabular-nums"}>
      {text}
    </time>
  );
}
