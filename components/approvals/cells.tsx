import Link from "next/link";
import type { StaffRef } from "@/lib/dto";
import { caseNumber } from "../labels";
import { Td } from "../ui/table";

/** The case a row is about, linked to its page. */
export function CaseCell({ caseId, number }: { caseId: string; number: number }) {
  return (
    <Td className="whitespace-nowrap">
      <Link href={`/cases/${caseId}`}>{caseNumber(number)}</Link>
    </Td>
  );
}

/** A staff member by name, with their email beneath. */
export function PersonCell({ person }: { person: Pick<StaffRef, "name" | "email"> }) {
  return (
    <Td>
      <span className="block">{person.name}</span>
      <span className="block text-xs text-zinc-600">{person.email}</span>
    </Td>
  );
}
