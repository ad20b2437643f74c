import type { ReaderSummary } from "@/lib/audit/account-report/account-report";
import { formatUtc } from "../../format";
import { caseNumber } from "../../labels";
import { TBody, THead, Table, Td, Th, Tr } from "../../ui/table";

const time = (d: Date) => (
  <time dateTime={d.toISOString()} className="font-mono text-xs whitespace-nowrap tabular-nums">
    {formatUtc(d.toISOString(), { seconds: false }).replace(" UTC", "")}
  </time>
);

/** Everyone who saw the account's DMs, one line each: the summary a data subject asks for. */
export function ReadersTable({ readers }: { readers: ReaderSummary[] }) {
  return (
    <Table caption="Staff who accessed this account's messages">
      <THead>
        <Tr>
          <Th>Staff member</Th>
          <Th>Roles at the time</Th>
          <Th className="text-right">Accesses</Th>
          <Th className="text-right">
            <abbr title="Messages revealed, adding up every access (a message read twice counts twice)" className="no-underline">
              Messages
            </abbr>
          </Th>
          <Th className="text-right">
            <abbr title="Distinct messages seen: each message counts once however often it was read" className="no-underline">
              Distinct
            </abbr>
          </Th>
          <Th>First (UTC)</Th>
          <Th>Last (UTC)</Th>
          <Th>Purposes</Th>
          <Th>Cases</Th>
        </Tr>
      </THead>
      <TBody>
        {readers.map((r) => (
          <Tr key={r.actorId ?? r.email ?? "unknown"}>
            <Th scope="row" className="font-normal">
              {r.email ?? "unknown"}
            </Th>
            <Td className="text-xs">{r.roles.join(", ")}</Td>
            <Td className="text-right tabular-nums">{r.accesses}</Td>
            <Td className="text-right tabular-nums">{r.messages}</Td>
            <Td className="text-right tabular-nums" data-testid="distinct-messages">
              {r.distinctMessages}
            </Td>
            <Td>{time(r.first)}</Td>
            <Td>{time(r.last)}</Td>
            <Td className="text-xs">{r.purposes.join(", ")}</Td>
            <Td className="font-mono text-xs">{r.cases.map(caseNumber).join(" ")}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
