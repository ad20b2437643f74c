import Link from "next/link";
import type { VerificationRun } from "@/lib/audit/verification/verification-status";
import { formatUtc } from "../format";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { Dash } from "./dash";

/** The latest AUDIT_VERIFIED events: who verified, when, and what they found. */
export function VerificationRuns({ runs }: { runs: VerificationRun[] }) {
  if (runs.length === 0) return <EmptyState title="The log has not been verified yet" />;
  return (
    <Table caption="Recent verifications of the live log, newest first">
      <THead>
        <Tr>
          <Th>Time (UTC)</Th>
          <Th>By</Th>
          <Th>Result</Th>
          <Th className="text-right">Events</Th>
          <Th className="text-right">Checkpoint</Th>
          <Th className="text-right">Took</Th>
          <Th>Finding</Th>
          <Th className="text-right">Event</Th>
        </Tr>
      </THead>
      <TBody>
        {runs.map((r) => (
          <Tr key={r.seq}>
            <Td className="font-mono text-xs whitespace-nowrap tabular-nums">
              <time dateTime={r.at.toISOString()}>{formatUtc(r.at.toISOString()).replace(" UTC", "")}</time>
            </Td>
            <Td>{r.by ?? (r.via === "sealer" ? "the sealer (stopped sealing)" : "operator (command line)")}</Td>
            <Td>
              <Badge tone={r.ok ? "success" : "danger"}>{r.ok ? "Intact" : "Failed"}</Badge>
            </Td>
            <Td className="text-right tabular-nums">{r.events?.toLocaleString("en") ?? <Dash />}</Td>
            <Td className="text-right tabular-nums">{r.verifiedSize?.toLocaleString("en") ?? <Dash />}</Td>
            <Td className="text-right tabular-nums">{r.durationMs !== null ? `${(r.durationMs / 1000).toFixed(1)} s` : <Dash />}</Td>
            <Td className="max-w-96 text-xs">
              {r.problem ?? <Dash />}
              {r.firstBadSeq ? (
                <>
                  {" "}
                  (first bad: <Link href={`/audit/events/${r.firstBadSeq}`}>event {r.firstBadSeq}</Link>)
                </>
              ) : null}
            </Td>
            <Td className="text-right font-mono text-xs">
              <Link href={`/audit/events/${r.seq}`}>{r.seq}</Link>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
