"use client";

import { useQuery } from "@tanstack/react-query";
import type { QueuePage } from "@/lib/dto";
import { apiFetch } from "@/lib/client/api";
import { EmptyState } from "../ui/empty-state";
import { QueueTable } from "./queue-table";
import type { QueueStatus } from "./queue-filters";

/** How often an open queue asks for new cases: a report the platform sends shows within this. */
export const QUEUE_POLL_MS = 3_000;

type Filters = { status: QueueStatus; category?: string; cursor?: string };

export function queueApiPath({ status, category, cursor }: Filters): string {
  const q = new URLSearchParams({ status, limit: "50" });
  if (category) q.set("category", category);
  if (cursor) q.set("cursor", cursor);
  return `/api/v1/cases?${q.toString()}`;
}

/**
 * The queue's table, rendered first from the server's page and then kept current by polling
 * GET /api/v1/cases (TanStack Query), so reports and detection flags the platform pushes appear
 * without a reload. Polling pauses while the tab is hidden (refetchIntervalInBackground is off)
 * and reads no content: the queue lists cases, never messages, so no access event is involved.
 */
export function LiveQueue({ initial, filters, caption }: { initial: QueuePage; filters: Filters; caption: string }) {
  const path = queueApiPath(filters);
  const { data, isError } = useQuery({
    queryKey: ["queue", path],
    queryFn: ({ signal }) => apiFetch<QueuePage>(path, { signal }),
    initialData: initial,
    refetchInterval: QUEUE_POLL_MS,
  });
  return (
    <div className="flex flex-col gap-2" data-testid="live-queue">
      {data.items.length === 0 ? (
        <EmptyState title={filters.cursor ? "No more cases" : "No cases here"}>
          {filters.status === "mine" ? "You have no claimed cases." : "Nothing matches these filters right now."}
        </EmptyState>
      ) : (
        <>
          <QueueTable items={data.items} caption={caption} />
        </>
      )}
      {/* Polite, and only on failure: a new row is visible on its own; a stale list must say so. */}
      <p role="status" aria-live="polite" className="text-xs text-zinc-600">
        {isError ? "Could not refresh the queue; showing the last list. Retrying." : ""}
      </p>
    </div>
  );
}
