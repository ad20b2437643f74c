import type { HistoryKind, TeamMember } from "@/lib/dto";
import { buttonClasses } from "../ui/button-styles";
import { Select } from "../ui/controls";
import { Field } from "../ui/field";

/** A plain GET form, so a lead's filtered view is a URL they can bookmark or hand on. */
export function TeamMemberFilter({ members, memberId, kind }: { members: TeamMember[]; memberId?: string; kind: HistoryKind }) {
  return (
    <form method="get" action="/team-access" className="flex flex-wrap items-end gap-3">
      <Field id="team-member" label="Staff member">
        {(c) => (
          <Select {...c} name="member" defaultValue={memberId ?? ""} className="w-[26rem] max-w-full">
            <option value="">Everyone on the team</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} · {m.email}
                {m.disabled ? " (disabled)" : ""}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {kind !== "all" ? <input type="hidden" name="kind" value={kind} /> : null}
      <button type="submit" className={buttonClasses("secondary")}>
        Show
      </button>
    </form>
  );
}
