import type { Region } from "./roles";

// How long a conversation's content is kept after its last message, per data region, before
// its data key is destroyed (crypto-shredding). A conversation whose participants sit in
// several regions keeps the longest of their periods. An active preservation hold on any
// participant keeps it whatever its age (lib/policy/holds.ts).
export const RETENTION_DAYS: Record<Region, number> = {
  US: 365,
  EU: 180,
};

export const RETENTION_NOTES: Record<Region, string> = {
  US: "one year after the last message",
  EU: "six months after the last message (GDPR storage limitation)",
};

/** The retention period of a conversation with participants in these regions. */
export function retentionDays(regions: readonly Region[], table: Record<Region, number> = RETENTION_DAYS): number {
  return Math.max(...regions.map((r) => table[r]));
}
