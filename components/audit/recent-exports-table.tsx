import Link from "next/link";
import type { RecentExport } from "@/lib/audit/export/recent-exports";
import { formatUtc } from "../format";
import { EmptyState } from "../ui/empty-state";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { Dash } from "./dash";

/** Recent exports and their signed manifests (a log export's proof of what was handed over). */
export function RecentExportsTable({ exports }: { exports: RecentExport[] }) {
  if (exports.length === 0) return <EmptyState title="Nothing has been exported yet" />;
  return (
    <Table caption="Recent exports of the access log, newest first">
      <THead>
        <Tr>
          <Th>Time (UTC)</Th>
          <Th>By</Th>
          <Th>What</Th>
          <Th>Filters</Th>
          <Th>Signed manifest</Th>
          <Th className="text-right">Event</Th>
        </Tr>
      </THead>
      <TBody>
        {exports.map((x) => (
          <Tr key={x.seq}>
            <Td className="font-mono text-xs whitespace-nowrap tabular-nums">
              <time dateTime={x.at.toISOString()}>{formatUtc(x.at.toISOString()).replace(" UTC", "")}</time>
            </Td>
            <Td>{x.by ?? <Dash />}</Td>
            <Td className="text-xs whitespace-nowrap">
              {x.kind === "account-report" ? "Account report (CSV)" : `Log, ${x.scope ?? "?"} (${(x.format ?? "?").toUpperCase()})`}
            </Td>
            <Td className="font-mono text-xs">
              {x.filter && Object.keys(x.filter).length ? (
                Object.entries(x.filter)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(" ")
              ) : (
                <Dash />
              )}
            </Td>
            <Td className="text-xs">{x.exportId ? <a href={`/api/v1/audit/exports/${x.exportId}/manifest`}>Download manifest</a> : <Dash />}</Td>
            <Td className="text-right font-mono text-xs">
              <Link href={`/audit/events/${x.seq}`}>{x.seq}</Link>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
