import Link from "next/link";
import type { LegalRequestDetail } from "@/lib/legal/get-request";
import { DATA_TYPES, DATA_TYPE_LABELS, INSTRUMENT_LABELS, JURISDICTION_LABELS, LEGAL_BASIS_NOTES } from "@/lib/policy/legal-basis";
import { RED_FLAGS } from "@/lib/policy/legal-red-flags";
import { manualTargets, type LegalStatus } from "@/lib/policy/legal-status";
import { formatUtc } from "../format";
import { Badge } from "../ui/badge";
import { FLAG_LABEL, METHOD_LABEL, STATUS_LABEL } from "./legal-labels";
import { HoldActions, PlaceHoldForm } from "./hold-controls";
import { DisclosurePackageButton } from "./disclosure-package";
import { StatusSteps, UserNoticeForm } from "./tracking-controls";
import { VerifyForm } from "./verify-form";

const utc = (d: Date) => formatUtc(d.toISOString(), { seconds: false });

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-36 shrink-0 text-zinc-600">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

/** One request: facts, red flags, what the instrument allows, verification, cases and holds. Never content. */
export function RequestDetail({ request: r, viewerId }: { request: LegalRequestDetail; viewerId: string }) {
  const mine = r.receivedBy.id === viewerId;
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
      <section aria-labelledby="req-heading" className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white p-3 lg:col-span-2">
        <div className="flex flex-wrap items-baseline gap-2">
          <h1 id="req-heading" className="text-base font-semibold">
            L-{r.number} · {r.reference}
          </h1>
          <Badge tone={r.status === "REJECTED" ? "danger" : r.status === "RECEIVED" ? "neutral" : "success"}>{STATUS_LABEL[r.status] ?? r.status}</Badge>
          {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
        </div>
        <dl className="flex flex-col gap-1 text-[13px]">
          <Fact label="Agency">{r.authority}</Fact>
          <Fact label="Officer">
            {r.officerName} · <span className="font-mono text-xs">{r.officerEmail}</span> · {r.officerPhone}
          </Fact>
          <Fact label="Instrument">{INSTRUMENT_LABELS[r.instrument]}</Fact>
          <Fact label="Jurisdiction">
            {JURISDICTION_LABELS[r.jurisdiction]} ({r.jurisdictionName})
          </Fact>
          <Fact label="Named accounts">{r.namedAccounts.map((a) => `@${a.handle}`).join(", ") || "—"}</Fact>
          <Fact label="Date range (UTC)">
            {utc(r.dateFrom)} – {utc(r.dateTo)}
          </Fact>
          <Fact label="Asked for">{r.dataTypes.map((t) => DATA_TYPE_LABELS[t as (typeof DATA_TYPES)[number]] ?? t).join("; ")}</Fact>
          <Fact label="Due (UTC)">{utc(r.dueAt)}</Fact>
          {r.emergencyJustification ? <Fact label="Emergency">{r.emergencyJustification}</Fact> : null}
          {r.nonDisclosureUntil ? (
            <Fact label="No user notice until">
              {utc(r.nonDisclosureUntil)}
              {r.userNotice ? (r.userNotice.givenAt ? ` · notice given ${utc(r.userNotice.givenAt)}` : " · user notice due") : null}
            </Fact>
          ) : null}
          <Fact label="Taken in">
            {r.receivedBy.name}, {utc(r.createdAt)}
          </Fact>
          <Fact label="Document">
            {r.document ? (
              <>
                <a href={`/api/v1/legal/requests/${r.id}/document`}>{r.document.fileName}</a>{" "}
                <span className="text-xs text-zinc-600">
                  ({Math.ceil(r.document.size / 1024)} KiB, SHA-256 <span className="font-mono">{r.document.sha256.slice(0, 16)}…</span>; opening it is logged)
                </span>
              </>
            ) : (
              "none uploaded"
            )}
          </Fact>
        </dl>
        <div className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-[13px]">
          <p className="font-medium">What this instrument allows</p>
          <ul className="mt-1 flex flex-col gap-0.5">
            {DATA_TYPES.map((t) => (
              <li key={t}>
                <span aria-hidden="true">{r.disclosable.includes(t) ? "✓" : "✕"}</span> {DATA_TYPE_LABELS[t]}
                <span className="sr-only">{r.disclosable.includes(t) ? ": allowed" : ": not allowed"}</span>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-zinc-600">{LEGAL_BASIS_NOTES[r.instrument]}.</p>
        </div>
      </section>

      <div className="flex flex-col gap-3">
        <section aria-labelledby="flags-heading" className="rounded-md border border-zinc-200 bg-white p-3">
          <h2 id="flags-heading" className="text-[13px] font-semibold">
            Red flags ({r.redFlags.length})
          </h2>
          {r.redFlags.length ? (
            <ul className="mt-1 flex flex-col gap-1 text-[13px]">
              {r.redFlags.map((f) => (
                <li key={f} className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950">
                  <span className="font-medium">{FLAG_LABEL[f]}.</span> {RED_FLAGS[f]}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-xs text-zinc-600">None found. Verify independently all the same.</p>
          )}
        </section>

        <section aria-labelledby="verify-heading" className="rounded-md border border-zinc-200 bg-white p-3">
          <h2 id="verify-heading" className="text-[13px] font-semibold">
            Verification
          </h2>
          {r.verification ? (
            <p className="mt-1 text-[13px]">
              <Badge tone={r.verification.passed ? "success" : "danger"}>{r.verification.passed ? "Passed" : "Failed"}</Badge> by {r.verification.by}, {utc(r.verification.at)}, {METHOD_LABEL[r.verification.method] ?? r.verification.method}: {r.verification.note}
            </p>
          ) : mine ? (
            <p className="mt-1 text-xs text-zinc-600">You took this request in, so a colleague must verify it (four eyes).</p>
          ) : (
            <div className="mt-2">
              <VerifyForm requestId={r.id} />
            </div>
          )}
        </section>
      </div>

      <section aria-labelledby="status-heading" className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white p-3 lg:col-span-3">
        <h2 id="status-heading" className="text-[13px] font-semibold">
          Status: {STATUS_LABEL[r.status] ?? r.status}
        </h2>
        <p className="text-xs text-zinc-600">
          Received → being verified → verified → approved for disclosure (by a colleague other than the one who took it in) → disclosed (when the package is built) → closed. Every step is logged.
        </p>
        {r.status === "APPROVED" ? <DisclosurePackageButton requestId={r.id} requestNumber={r.number} /> : null}
        <StatusSteps requestId={r.id} targets={manualTargets(r.status as LegalStatus).filter((t) => !(t === "APPROVED" && mine))} />
        {r.userNotice && !r.userNotice.givenAt ? <UserNoticeForm noticeId={r.userNotice.id} label={`due since ${utc(r.userNotice.dueAt)}`} /> : null}
      </section>

      <section aria-labelledby="cases-heading" className="rounded-md border border-zinc-200 bg-white p-3 lg:col-span-3">
        <h2 id="cases-heading" className="text-[13px] font-semibold">
          Cases ({r.cases.length})
        </h2>
        <p className="text-xs text-zinc-600">One per conversation of a named account with messages in the date range, opened on verification. Access to content is requested, approved by a second person and logged on each case.</p>
        {r.cases.length ? (
          <ul className="mt-1 flex flex-wrap gap-2 text-[13px]">
            {r.cases.map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`}>C-{c.number}</Link> <span className="text-xs text-zinc-600">{c.status.toLowerCase()}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="holds-heading" className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white p-3 lg:col-span-3">
        <h2 id="holds-heading" className="text-[13px] font-semibold">
          Preservation holds ({r.holds.length})
        </h2>
        {r.holds.map((h) => (
          <div key={h.id} className="flex flex-wrap items-center gap-3 text-[13px]">
            <Badge tone={h.releasedAt ? "neutral" : "warning"}>{h.releasedAt ? "Released" : "Active"}</Badge>
            <span>{h.kind === "NCMEC_REPORT" ? "NCMEC report" : "Preservation"}</span>
            <span className="tabular-nums">until {utc(h.expiresAt)}</span>
            <span className="text-xs text-zinc-600">
              {h.renewals} renewal{h.renewals === 1 ? "" : "s"} · {h.reason}
            </span>
            {h.releasedAt ? null : <HoldActions holdId={h.id} />}
            <p className="w-full text-xs text-zinc-600">
              {h.reads.length
                ? `Read while held (from the access log): ${h.reads.map((x) => `${x.actorEmail ?? "?"} at ${utc(x.at)}, ${x.messages} messages under grant ${x.grantId?.slice(0, 8) ?? "?"}`).join("; ")}`
                : "Nobody has read held material while this hold was in force."}
            </p>
          </div>
        ))}
        {r.status !== "REJECTED" ? <PlaceHoldForm requestId={r.id} /> : null}
      </section>
    </div>
  );
}
