import type { Metadata } from "next";
import Link from "next/link";
import { authorizePage } from "@/lib/auth/authorize";
import { recentExports } from "@/lib/audit/export/recent-exports";
import { verificationStatus } from "@/lib/audit/verification/verification-status";
import { can } from "@/lib/policy/permissions";
import { AccessRefused } from "@/components/access-refused";
import { RecentExportsTable } from "@/components/audit/recent-exports-table";
import { VerificationRuns } from "@/components/audit/verification-runs";
import { VerifyNow } from "@/components/audit/verify-now";
import { formatUtc } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ErrorNotice } from "@/components/ui/error-notice";

export const metadata: Metadata = { title: "Log verification" };

const n = (v: number) => v.toLocaleString("en");

function age(seconds: number): string {
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 rounded-md border border-zinc-200 bg-white px-3 py-2">
      <dt className="text-xs text-zinc-600">{label}</dt>
      <dd className="text-[15px] font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

export default async function VerificationPage() {
  const { staff, refusal } = await authorizePage("PAGE /audit/verification");
  if (refusal) return <AccessRefused title="Log verification" message={refusal.message} />;
  const [{ checkpoint: cp, runs }, exports] = await Promise.all([verificationStatus(staff), recentExports(staff)]);
  const last = runs[0];
  // A checkpoint minutes old while events wait to be sealed means the sealer has stopped.
  const stale = cp !== null && cp.unsealedEvents > 0 && cp.ageSeconds > 300;

  return (
    <>
      <div>
        <h1 className="text-base font-semibold">Log verification</h1>
        <p className="text-[13px] text-zinc-600">
          The access log is sealed into a Merkle tree with signed checkpoints kept outside the database. Verification proves the log is complete and unaltered up to the latest checkpoint. To
          check it independently, <Link href="/audit">export</Link> the log and run <code className="font-mono text-xs">npm run audit:verify</code> with the{" "}
          <a href="/api/v1/audit/public-key">public key</a>.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Fact label="Latest checkpoint">{cp ? `${n(cp.size)} events` : "none yet"}</Fact>
        <Fact label="Signed">{cp ? <time dateTime={cp.createdAt} title={formatUtc(cp.createdAt)}>{age(cp.ageSeconds)}</time> : "—"}</Fact>
        <Fact label="Waiting to be sealed">{cp ? n(cp.unsealedEvents) : "—"}</Fact>
        <Fact label="Last full verification">
          {last ? (
            <span className="flex items-center gap-2">
              <time dateTime={last.at.toISOString()}>{formatUtc(last.at.toISOString(), { seconds: false })}</time>
              <Badge tone={last.ok ? "success" : "danger"}>{last.ok ? "Intact" : "Failed"}</Badge>
            </span>
          ) : (
            "never"
          )}
        </Fact>
      </dl>
      {cp ? <p className="font-mono text-xs break-all text-zinc-600">Root hash of the latest checkpoint: {cp.rootHash}</p> : null}
      {stale ? (
        <ErrorNotice title="The sealer seems to have stopped" live={false}>
          {n(cp.unsealedEvents)} events are waiting and the latest checkpoint is {age(cp.ageSeconds)}. Events normally seal within a second.
        </ErrorNotice>
      ) : null}
      {can(staff.roles, "audit:export") ? (
        <section aria-labelledby="verify" className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white px-3 py-3">
          <h2 id="verify" className="text-[13px] font-semibold text-zinc-800">
            Verify the live log
          </h2>
          <VerifyNow />
        </section>
      ) : null}
      <section aria-labelledby="runs" className="flex flex-col gap-1.5">
        <h2 id="runs" className="text-[13px] font-semibold text-zinc-800">
          Recent verifications
        </h2>
        <VerificationRuns runs={runs} />
      </section>
      <section aria-labelledby="exports" className="flex flex-col gap-1.5">
        <h2 id="exports" className="text-[13px] font-semibold text-zinc-800">
          Recent exports
        </h2>
        <p className="text-[13px] text-zinc-600">
          A log export verifies on its own with the public key; its signed manifest also vouches for the file&apos;s size and SHA-256 (and is what vouches for a CSV export).
        </p>
        <RecentExportsTable exports={exports} />
      </section>
    </>
  );
}
