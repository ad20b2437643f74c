import type { Outcome } from "@/lib/policy/enums";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<Outcome, BadgeTone> = { ALLOWED: "success", DENIED: "danger", FAILED: "warning" };
export const OUTCOME_LABEL: Record<Outcome, string> = { ALLOWED: "Allowed", DENIED: "Denied", FAILED: "Failed" };

/** An event's outcome; the word carries the meaning, the colour only repeats it. */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <Badge tone={TONE[outcome]}>{OUTCOME_LABEL[outcome]}</Badge>;
}
