import Link from "next/link";
import type { DetectionRuleItem } from "@/lib/dto";
import { CATEGORY_LABEL, SEVERITY_LABEL, SEVERITY_TONE } from "../labels";
import { Badge } from "../ui/badge";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { describeDefinition } from "./rule-draft";
import { LocalTime } from "../ui/local-time";

/** Every detection rule at its current version. */
export function RulesTable({ rules }: { rules: DetectionRuleItem[] }) {
  return (
    <Table caption="Detection rules, by name">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Category</Th>
          <Th>Severity</Th>
          <Th>Matches</Th>
          <Th>Status</Th>
          <Th className="text-right">Version</Th>
          <Th className="text-right">Flags</Th>
          <Th>Last change</Th>
        </Tr>
      </THead>
      <TBody>
        {rules.map((r) => (
          <Tr key={r.id} className={r.enabled ? undefined : "text-zinc-500"}>
            <Td className="whitespace-nowrap">
              <Link href={`/rules/${r.id}`} aria-label={`Open rule ${r.name}`}>
                {r.name}
              </Link>
            </Td>
            <Td className="whitespace-nowrap">{CATEGORY_LABEL[r.category]}</Td>
            <Td>
              <Badge tone={SEVERITY_TONE[r.severity]}>{SEVERITY_LABEL[r.severity]}</Badge>
            </Td>
            <Td className="max-w-sm truncate" title={describeDefinition(r.definition)}>
              {describeDefinition(r.definition)}
            </Td>
            <Td>{r.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Off</Badge>}</Td>
            <Td className="text-right tabular-nums">v{r.version}</Td>
            <Td className="text-right tabular-nums">{r.flags}</Td>
            <Td className="whitespace-nowrap text-zinc-700">
              <LocalTime iso={r.changedAt} seconds={false} />
              <div className="text-xs text-zinc-600">{r.changedBy}</div>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
