import Link from "next/link";
import type { StaffAdminItem } from "@/lib/dto";
import { ROLE_LABEL } from "../labels";
import { Badge } from "../ui/badge";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";

/** Every staff member with what governs their access: roles, regions, links, status. */
export function StaffTable({ staff, selfId }: { staff: StaffAdminItem[]; selfId: string }) {
  return (
    <Table caption="Staff, enabled first, by name">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Roles</Th>
          <Th>Regions</Th>
          <Th>Linked accounts</Th>
          <Th>Authenticator</Th>
          <Th>Status</Th>
        </Tr>
      </THead>
      <TBody>
        {staff.map((s) => (
          <Tr key={s.id} className={s.disabled ? "text-zinc-500" : undefined}>
            <Td className="whitespace-nowrap">
              <Link href={`/staff/${s.id}`} aria-label={`Edit ${s.name}`}>
                {s.name}
              </Link>
              {s.id === selfId ? <span className="ml-1.5 text-xs text-zinc-600">(you)</span> : null}
            </Td>
            <Td className="text-[13px]">{s.email}</Td>
            <Td className="whitespace-nowrap">{s.roles.map((r) => ROLE_LABEL[r]).join(", ") || <span className="text-zinc-500">none</span>}</Td>
            <Td className="whitespace-nowrap">{s.regions.join(", ") || <span className="text-zinc-500">none</span>}</Td>
            <Td className="text-[13px]">{s.links.length ? s.links.map((l) => `@${l.handle} (${l.relation})`).join(", ") : <span className="text-zinc-500">none</span>}</Td>
            <Td className="whitespace-nowrap">{s.totpEnrolled ? "Set up" : <span className="text-zinc-500">Not set up</span>}</Td>
            <Td>{s.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Enabled</Badge>}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
