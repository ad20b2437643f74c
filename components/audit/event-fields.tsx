import Link from "next/link";
import type { ReactNode } from "react";
import type { EventDetail } from "@/lib/audit/search/event-detail";
import { auditQueryString } from "@/lib/audit/search/search-filters";
import { formatUtc } from "../format";
import { caseNumber } from "../labels";
import { Dash } from "./dash";
import { OutcomeBadge } from "./outcome-badge";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[11rem_1fr] gap-3 px-3 py-1.5">
      <dt className="text-zinc-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const mono = (s: string | null) => (s ? <span className="font-mono text-xs">{s}</span> : <Dash />);
const filterLink = (filters: Record<string, string>, text: string) => <Link href={`/audit?${auditQueryString(filters)}`}>{text}</Link>;

/** Every field of one event exactly as logged (identifiers only: the log never holds content). */
export function EventFields({ detail }: { detail: EventDetail }) {
  const e = detail.event;
  return (
    <dl className="divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-white text-[13px]">
      <Row label="Sequence">{mono(e.seq)}</Row>
      <Row label="Time">
        <time dateTime={e.occurredAt} className="font-mono text-xs">
          {formatUtc(e.occurredAt)} ({e.occurredAt})
        </time>
      </Row>
      <Row label="Actor">
        {e.actorEmail ? filterLink({ actor: e.actorId ?? e.actorEmail }, e.actorEmail) : <span className="text-zinc-500">no staff member</span>}
        {e.actorId ? <span className="ml-2 font-mono text-xs text-zinc-600">{e.actorId}</span> : null}
      </Row>
      <Row label="Roles at the time">{e.actorRoles.length ? e.actorRoles.join(", ") : <Dash />}</Row>
      <Row label="Action">{mono(e.action)}</Row>
      <Row label="Outcome">
        <OutcomeBadge outcome={e.outcome} />
      </Row>
      <Row label="Denial reason">{mono(e.denialReason)}</Row>
      <Row label="Case">
        {e.caseId ? (
          <>
            {filterLink({ case: e.caseId }, detail.caseNumber !== null ? caseNumber(detail.caseNumber) : "this case")}
            <span className="ml-2 font-mono text-xs text-zinc-600">{e.caseId}</span>
          </>
        ) : (
          <Dash />
        )}
      </Row>
      <Row label="Conversation">{e.conversationId ? filterLink({ conversation: e.conversationId }, e.conversationId) : <Dash />}</Row>
      <Row label="Platform accounts">
        {detail.accounts.length === 0 ? (
          <Dash />
        ) : (
          <ul className="flex flex-col gap-0.5">
            {detail.accounts.map((a) => (
              <li key={a.id}>
                <Link href={`/audit/accounts?account=${encodeURIComponent(a.id)}`}>{a.handle ? `@${a.handle}` : a.id}</Link>
                {a.handle ? <span className="ml-2 font-mono text-xs text-zinc-600">{a.id}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Row>
      <Row label="Messages revealed">
        {e.messageIds.length === 0 ? (
          <Dash />
        ) : (
          <details>
            <summary className="cursor-pointer">{e.messageIds.length} message ids (no content)</summary>
            <ul className="mt-1 font-mono text-xs">
              {e.messageIds.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </details>
        )}
      </Row>
      <Row label="Purpose">{mono(e.purpose)}</Row>
      <Row label="Justification">{e.justification ?? <Dash />}</Row>
      <Row label="Grant">{mono(e.grantId)}</Row>
      <Row label="Request id">{mono(e.requestId)}</Row>
      <Row label="IP (HMAC)">{mono(e.ipHmac)}</Row>
      <Row label="User agent">{e.userAgent ?? <Dash />}</Row>
      <Row label="Details">{e.details === null ? <Dash /> : <pre className="font-mono text-xs whitespace-pre-wrap">{JSON.stringify(e.details, null, 2)}</pre>}</Row>
    </dl>
  );
}
