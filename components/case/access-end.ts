import type { GrantEnd, SessionEnd } from "@/lib/events/staff-event";
import { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } from "@/lib/policy/limits";
import { formatUtcTime } from "../format";
import { DECISION_LABEL } from "../labels";

// Why an open thread stopped showing its messages, and the words for it. Pure, so each cause
// has its sentence tested without a browser.

export type AccessEnd = { kind: "grant"; end: GrantEnd } | { kind: "session"; reason: SessionEnd["reason"] } | { kind: "lost" };

export type AccessEndText = {
  title: string;
  /** The revoking lead's reason, shown quoted. */
  quote: string | null;
  detail: string;
  /** What the reader can do next: read again (a new logged read), go back to the case, or sign in. */
  next: "read-again" | "case" | "sign-in" | "none";
  /** An expected end is announced politely; a surprise is an alert. */
  urgent: boolean;
};

const at = (iso: string | null) => (iso ? ` at ${formatUtcTime(iso)}` : "");
const by = (email: string | null) => (email ? ` by ${email}` : "");

function grantText(end: GrantEnd): AccessEndText {
  const hidden = "The messages are no longer shown.";
  switch (end.cause) {
    case "revoked":
      return { title: `Access ended: revoked${by(end.endedBy)}${at(end.endedAt)}`, quote: end.reason, detail: `${hidden} Ask a lead if you still need them.`, next: "case", urgent: true };
    case "expired":
      return { title: `Access ended: the grant expired${at(end.endedAt)}`, quote: null, detail: `${hidden} Request a new grant from the case to read again.`, next: "case", urgent: false };
    case "case-closed": {
      const decision = end.decision ? ` (${DECISION_LABEL[end.decision]})` : "";
      return { title: `Access ended: case decided${decision}${by(end.endedBy)}${at(end.endedAt)}`, quote: null, detail: `${hidden} A decision ends every grant on the case.`, next: "case", urgent: true };
    }
    case "case-escalated":
      return { title: `Access ended: case escalated to the leads${by(end.endedBy)}${at(end.endedAt)}`, quote: null, detail: `${hidden} Escalating ends every grant on the case.`, next: "case", urgent: true };
    case "holder-disabled":
      return { title: `Access ended: your account was disabled${at(end.endedAt)}`, quote: null, detail: `${hidden} Your sessions have ended too.`, next: "none", urgent: true };
    case "superseded":
      return { title: `This grant was replaced by a newer one${at(end.endedAt)}`, quote: null, detail: "A wider scope was approved, or a new grant was requested. Reading under the new grant is a new logged read.", next: "read-again", urgent: false };
    default:
      return { title: `Access ended${at(end.endedAt)}`, quote: null, detail: `${hidden} Your access history has the details.`, next: "case", urgent: true };
  }
}

const SESSION_TITLE: Record<SessionEnd["reason"], string> = {
  SESSION_IDLE: `Signed out after ${SESSION_IDLE_MINUTES} minutes without activity`,
  SESSION_MAX_AGE: `Signed out: a session lasts at most ${SESSION_MAX_HOURS} hours`,
  SESSION_ENDED: "Signed out: this session has ended",
  DISABLED: "Access ended: your account was disabled",
};

export function accessEndText(end: AccessEnd): AccessEndText {
  if (end.kind === "grant") return grantText(end.end);
  if (end.kind === "session") {
    const disabled = end.reason === "DISABLED";
    return { title: SESSION_TITLE[end.reason], quote: null, detail: disabled ? "The messages are no longer shown." : "The messages are no longer shown. Sign in again to continue.", next: disabled ? "none" : "sign-in", urgent: true };
  }
  return {
    title: "Messages hidden: lost the live link to Custody",
    quote: null,
    detail: "This page could not confirm that your grant is still live, so it stopped showing the messages. Reading them again is a new logged read.",
    next: "read-again",
    urgent: true,
  };
}
