"use client";

import { useEffect, useEffectEvent } from "react";
import { openStaffEvents } from "@/lib/client/staff-events";
import type { GrantEnd, GrantState } from "@/lib/events/staff-event";
import type { AccessEnd } from "./access-end";

function endOf(state: GrantState, caseId: string): GrantEnd {
  if (state.state === "ended") {
    const { grantId, cause, endedAt, endedBy, reason, decision } = state;
    return { grantId, caseId, cause, endedAt, endedBy, reason, decision };
  }
  // Not found (or, impossibly, live after all): the grant cannot be vouched for.
  return { grantId: state.grantId, caseId, cause: "ended", endedAt: null, endedBy: null, reason: null, decision: null };
}

/**
 * While a grant's content is on screen, listens on the staff event channel and calls `onEnd`
 * once when the grant ends, the session ends, or the channel can no longer vouch for either.
 */
export function useGrantWatch(grantId: string | null, caseId: string, onEnd: (end: AccessEnd) => void) {
  const report = useEffectEvent(onEnd);
  useEffect(() => {
    if (!grantId) return;
    let done = false;
    const finish = (end: AccessEnd) => {
      if (done) return;
      done = true;
      close();
      report(end);
    };
    const close = openStaffEvents([grantId], {
      onEvent: (event) => {
        if (event.type === "ready") {
          const state = event.data.grants.find((g) => g.grantId === grantId) ?? { grantId, state: "not-found" as const };
          // The read raced the end: the grant was already over when the channel opened.
          if (state.state !== "live") finish({ kind: "grant", end: endOf(state, caseId) });
        } else if (event.type === "grant-ended" && event.data.grantId === grantId) {
          finish({ kind: "grant", end: event.data });
        } else if (event.type === "session-ended") {
          finish({ kind: "session", reason: event.data.reason });
        }
      },
      onLost: () => finish({ kind: "lost" }),
    });
    return () => {
      done = true;
      close();
    };
  }, [grantId, caseId]);
}
