import type { HistoryKind } from "@/lib/dto";

// The query string of the access-history pages (mine, the team's): which kind of event, the
// page cursor and, for the team, whose. Anything unrecognised falls back to the default view.

export type PageSearchParams = { [key: string]: string | string[] | undefined };

const KINDS: readonly HistoryKind[] = ["all", "reads", "grants", "denials"];
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function historyParams(params: PageSearchParams): { kind: HistoryKind; cursor?: string; member?: string } {
  return {
    kind: KINDS.find((k) => k === one(params.kind)) ?? "all",
    cursor: one(params.cursor)?.match(/^\d{1,19}$/)?.[0],
    member: one(params.member),
  };
}
