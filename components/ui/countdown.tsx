"use client";

import { describeDuration, formatDuration, formatUtc } from "../format";
import { useNow } from "./use-now";

/**
 * Time left until `until`, ticking every second. Not a live region (a per-second announcement
 * would be noise); the accessible label reads the remaining time in words when focused or read.
 */
export function Countdown({ until, expiredText = "expired" }: { until: string; expiredText?: string }) {
  const now = useNow();
  const end = Date.parse(until);
  if (now === null) {
    return (
      <time dateTime={until} title={`Until ${formatUtc(until)}`} className="tabular-nums">
        --:--
      </time>
    );
  }
  const left = end - now;
  if (left <= 0) return <span>{expiredText}</span>;
  return (
    <time dateTime={until} title={`Until ${formatUtc(until)}`} className="tabular-nums">
      <span aria-hidden="true">{formatDuration(left)}</span>
      <span className="sr-only">{describeDuration(left)}</span>
    </time>
  );
}
