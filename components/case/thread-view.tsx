"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import type { CaseMessagesResponse, Participant } from "@/lib/dto";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { PURPOSE_LABEL } from "../labels";
import { Button } from "../ui/button";
import { Countdown } from "../ui/countdown";
import { ErrorNotice } from "../ui/error-notice";
import { useNow } from "../ui/use-now";
import type { AccessEnd } from "./access-end";
import { AccessEnded } from "./access-ended";
import { ScopeExpander } from "./scope-expander";
import { ThreadMessageRow } from "./thread-message";
import { useGrantWatch } from "./use-grant-watch";

const LOG_UNAVAILABLE = "The access log could not be written, so nothing is shown. Try again shortly.";

/**
 * The thread, fetched from the one content route. While it is on screen the staff event
 * channel watches its grant; when the grant ends (revoked, expired, case decided, account
 * disabled), the session ends or the channel goes quiet, the content unmounts, the decrypted
 * messages are removed from the query cache, and the reader is told who ended it and why.
 */
export function ThreadView({ caseId, participants, canExpand }: { caseId: string; participants: Participant[]; canExpand: boolean }) {
  const queryClient = useQueryClient();
  const [ended, setEnded] = useState<AccessEnd | null>(null);
  // After the content has unmounted (this effect runs after that commit), so no observer
  // fetches the messages again; gcTime 0 would drop them too, but not before this tick.
  useEffect(() => {
    if (ended) queryClient.removeQueries({ queryKey: messagesKey(caseId), exact: true });
  }, [ended, caseId, queryClient]);
  if (ended) return <AccessEnded end={ended} caseId={caseId} onReadAgain={() => setEnded(null)} />;
  return <ThreadContent caseId={caseId} participants={participants} canExpand={canExpand} onEnd={setEnded} />;
}

const messagesKey = (caseId: string) => ["case-messages", caseId] as const;

function ThreadContent({ caseId, participants, canExpand, onEnd }: { caseId: string; participants: Participant[]; canExpand: boolean; onEnd: (end: AccessEnd) => void }) {
  const router = useRouter();
  const query = useQuery({
    queryKey: messagesKey(caseId),
    queryFn: () => apiFetch<CaseMessagesResponse>(`/api/v1/cases/${encodeURIComponent(caseId)}/messages`),
    staleTime: Infinity,
    gcTime: 0,
    // Each attempt is a logged access event (or a logged denial): retry only when asked.
    retry: false,
  });
  const now = useNow();
  const grant = query.data?.grant;
  const isExpired = grant !== undefined && now !== null && now >= Date.parse(grant.expiresAt);

  // The browser's clock ends an expiring grant on the second; the channel ends it on any other cause.
  useEffect(() => {
    if (isExpired && grant) onEnd({ kind: "grant", end: { grantId: grant.id, caseId, cause: "expired", endedAt: grant.expiresAt, endedBy: null, reason: null, decision: null } });
  }, [isExpired, grant, caseId, onEnd]);
  useGrantWatch(grant?.id ?? null, caseId, onEnd);

  // When the messages first arrive, the first reported message is scrolled into view and focused
  // (n / p move on from there). Once per load of this view, not after every widening.
  const hasData = query.data !== undefined;
  useEffect(() => {
    if (!hasData) return;
    const first = document.querySelector<HTMLElement>("[data-reported]");
    first?.scrollIntoView({ block: "center" });
    first?.focus({ preventScroll: true });
  }, [hasData]);

  // The step-up (a TOTP check) is older than 15 minutes: confirm, then come straight back.
  const stepUpHref = `/step-up?next=${encodeURIComponent(`/cases/${caseId}/thread`)}`;
  const needsStepUp = query.error instanceof ApiRequestError && query.error.code === "STEP_UP_REQUIRED";
  useEffect(() => {
    if (needsStepUp) router.replace(stepUpHref);
  }, [needsStepUp, router, stepUpHref]);

  if (query.isPending) {
    return (
      <p role="status" className="px-1 py-6 text-zinc-600">
        Loading messages… (this read is recorded in the access log)
      </p>
    );
  }

  if (query.isError) {
    const err = query.error;
    const status = err instanceof ApiRequestError ? err.status : 0;
    if (needsStepUp) {
      return (
        <p role="status" className="px-1 py-6 text-zinc-700">
          {err.message} <Link href={stepUpHref}>Confirm it&rsquo;s you</Link>
        </p>
      );
    }
    // 404: no such case, or not this reader's (the server answers both alike).
    if (status === 403 || status === 404) {
      return (
        <ErrorNotice title="Access refused">
          <p>{err.message}</p>
          <p className="mt-1">
            <Link href={`/cases/${caseId}`}>Back to case</Link>
          </p>
        </ErrorNotice>
      );
    }
    return (
      <ErrorNotice title={status === 503 ? "Nothing shown" : "Messages could not be loaded"}>
        <p>{status === 503 ? LOG_UNAVAILABLE : err.message}</p>
        <Button size="sm" className="mt-2" pending={query.isFetching} onClick={() => void query.refetch()}>
          Try again
        </Button>
      </ErrorNotice>
    );
  }

  const data = query.data;
  const roleOf = new Map(participants.map((p) => [p.accountId, p.role]));

  return (
    <div className="flex flex-col gap-2">
      <div role="group" aria-label="Access grant" className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-[13px]">
        <span>
          <span className="text-zinc-600">Purpose </span>
          <span className="font-medium">{PURPOSE_LABEL[data.grant.purpose]}</span>
        </span>
        <span>
          <span className="text-zinc-600">Expires in </span>
          <span className="font-medium">
            <Countdown until={data.grant.expiresAt} />
          </span>
        </span>
        <span>
          <span className="text-zinc-600">Scope </span>
          <span className="font-medium tabular-nums">
            messages {data.scope.from}–{data.scope.to} of {data.messageCount}
          </span>
        </span>
        <span className="ml-auto text-xs text-zinc-600">
          Logged as event <span className="tabular-nums">#{data.eventSeq}</span> · times in your zone (UTC on hover)
        </span>
      </div>
      <p role="status" className="sr-only">
        Showing {data.messages.length} messages.
      </p>

      <div className="rounded-md border border-zinc-200 bg-white py-1">
        {data.scope.hasEarlier ? <ScopeMarker>Earlier messages are outside this grant&rsquo;s scope</ScopeMarker> : null}
        {data.scope.hasEarlier && canExpand ? <ScopeExpander caseId={caseId} grantId={data.grant.id} direction="earlier" /> : null}
        {data.messages.length === 0 ? (
          <p className="px-3 py-4 text-zinc-600">No messages in this scope.</p>
        ) : (
          <ol aria-label="Messages" className="divide-y divide-zinc-100">
            {data.messages.map((m) => (
              <ThreadMessageRow key={m.id} message={m} senderRole={roleOf.get(m.sender.accountId)} />
            ))}
          </ol>
        )}
        {data.scope.hasLater && canExpand ? <ScopeExpander caseId={caseId} grantId={data.grant.id} direction="later" /> : null}
        {data.scope.hasLater ? <ScopeMarker>Later messages are outside this grant&rsquo;s scope</ScopeMarker> : null}
      </div>
    </div>
  );
}

function ScopeMarker({ children }: { children: ReactNode }) {
  return (
    <p className="mx-3 my-1 border-y border-dashed border-zinc-300 py-1 text-center text-xs text-zinc-600">
      <span aria-hidden="true">⋯ </span>
      {children}
      <span aria-hidden="true"> ⋯</span>
    </p>
  );
}
