import type { Participant } from "@/lib/dto";
import { Badge } from "../ui/badge";

const ROLE_LABEL: Record<Participant["role"], string> = { REPORTER: "Reporter", REPORTED: "Reported", OTHER: "Participant" };

/** A one-line participant list for the thread header. */
export function ThreadParticipants({ participants }: { participants: Participant[] }) {
  return (
    <ul aria-label="Participants" className="flex flex-wrap gap-x-4 gap-y-1 text-[13px]">
      {participants.map((p) => (
        <li key={p.accountId} className="flex items-center gap-1.5">
          <span className="text-zinc-600">{ROLE_LABEL[p.role]}:</span>
          <span className={p.masked ? "text-zinc-600 italic" : "font-medium"}>{p.handle}</span>
          <span className="text-xs text-zinc-500">{p.dataRegion}</span>
          {p.masked ? <Badge>Masked</Badge> : null}
          {p.isMinor ? <Badge tone="warning">Minor</Badge> : null}
          {p.isProtected ? <Badge tone="accent">Protected</Badge> : null}
        </li>
      ))}
    </ul>
  );
}
