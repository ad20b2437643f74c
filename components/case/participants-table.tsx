import type { Participant } from "@/lib/dto";
import { Badge } from "../ui/badge";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";

const ROLE_LABEL: Record<Participant["role"], string> = { REPORTER: "Reporter", REPORTED: "Reported", OTHER: "Other" };

export function ParticipantsTable({ participants }: { participants: Participant[] }) {
  return (
    <Table caption="Participants">
      <THead>
        <Tr>
          <Th>Handle</Th>
          <Th>Display name</Th>
          <Th>Role in case</Th>
          <Th>Data region</Th>
          <Th>Flags</Th>
        </Tr>
      </THead>
      <TBody>
        {participants.map((p) => (
          <Tr key={p.accountId}>
            <Td className="font-medium">
              {p.masked ? (
                <span className="text-zinc-600 italic">{p.handle}</span>
              ) : (
                p.handle
              )}
            </Td>
            <Td>{p.masked ? <span className="text-zinc-500">Hidden</span> : (p.displayName ?? <span className="text-zinc-500">—</span>)}</Td>
            <Td>{ROLE_LABEL[p.role]}</Td>
            <Td>{p.dataRegion}</Td>
            <Td>
              <span className="flex flex-wrap gap-1">
                {p.masked ? <Badge title="Identity masked: not a party to the report">Masked</Badge> : null}
                {p.isMinor ? <Badge tone="warning">Minor</Badge> : null}
                {p.isProtected ? <Badge tone="accent" title="Opening this thread needs second-person approval">Protected</Badge> : null}
                {!p.masked && !p.isMinor && !p.isProtected ? <span className="text-zinc-500">None</span> : null}
              </span>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
