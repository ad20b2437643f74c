import { Badge } from "./ui/badge";
import { priorityLabel } from "./labels";

export function PriorityBadge({ priority }: { priority: number }) {
  const { label, tone } = priorityLabel(priority);
  return <Badge tone={tone}>{label}</Badge>;
}
