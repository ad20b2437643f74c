import type { DetectionRuleVersionItem } from "@/lib/dto";
import { CATEGORY_LABEL, SEVERITY_LABEL } from "../labels";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { describeDefinition } from "./rule-draft";
import { LocalTime } from "../ui/local-time";

/** Every version of a rule, newest first. Versions are never rewritten; each is also a RULE_CHANGED event in the access log. */
export function RuleHistory({ history }: { history: DetectionRuleVersionItem[] }) {
  return (
    <Table caption="Version history, newest first" captionVisible>
      <THead>
        <Tr>
          <Th>Version</Th>
          <Th>Rule set</Th>
          <Th>When</Th>
          <Th>By</Th>
          <Th>Name</Th>
          <Th>Category · severity</Th>
          <Th>Status</Th>
          <Th>Matches</Th>
        </Tr>
      </THead>
      <TBody>
        {history.map((v) => (
          <Tr key={v.version}>
            <Td className="tabular-nums">v{v.version}</Td>
            <Td className="tabular-nums text-zinc-700">#{v.rulesetVersion}</Td>
            <Td className="whitespace-nowrap"><LocalTime iso={v.changedAt} /></Td>
            <Td className="whitespace-nowrap">{v.changedBy}</Td>
            <Td>{v.name}</Td>
            <Td className="whitespace-nowrap">
              {CATEGORY_LABEL[v.category]} · {SEVERITY_LABEL[v.severity]}
            </Td>
            <Td>{v.enabled ? "Enabled" : "Off"}</Td>
            <Td className="text-zinc-700">{describeDefinition(v.definition)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
