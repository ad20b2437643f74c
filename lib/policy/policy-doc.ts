import { APPROVAL_TRIGGERS } from "./approval-triggers";
import { DETECTION_REGION_DEFAULTS, DETECTION_REGION_NOTES, SEVERITIES, SEVERITY_PRIORITY } from "./detection";
import { DATA_TYPES, INSTRUMENTS, JURISDICTIONS, JURISDICTION_LABELS, LEGAL_BASIS, LEGAL_BASIS_NOTES } from "./legal-basis";
import { LEGAL_STATUSES, LEGAL_TRANSITIONS } from "./legal-status";
import * as LIMITS from "./limits";
import { OPERATIONS, type OperationId } from "./operations";
import { PERMISSIONS, type Permission } from "./permissions";
import { BASES, BASES_BY_ROLE, PURPOSES, PURPOSE_RULES, type ScopeRule } from "./purposes";
import { DENIAL_REASONS } from "./reasons";
import { ROLES, ROLE_CONFLICTS, ROLE_DESCRIPTIONS } from "./roles";
import { ATTRIBUTE_RULES } from "./rules";

// Renders docs/access-policy.md from the policy's own data, so the document an auditor reads
// is the table the server enforces. `npm run docs:policy` writes it; a unit test fails when
// the committed file differs from this output.

const cell = (s: string) => s.replace(/\|/g, "\\|");
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

function scopeText(s: ScopeRule): string {
  switch (s.kind) {
    case "anchors":
      return `reported/flagged message(s) ± ${s.radius}`;
    case "original-case":
      return `the original case's messages ± ${s.radius}`;
    case "legal-range":
      return "messages inside the legal request's date range";
    case "window":
      return `the requested window, at most ${LIMITS.EMERGENCY_MAX_HOURS} h`;
  }
}

function rolesFor(permission: Permission | null): string {
  return permission ? PERMISSIONS[permission].roles.join(", ") : "anyone (public)";
}

export function renderPolicyDoc(): string {
  const operations = (Object.keys(OPERATIONS) as OperationId[]).map((id) => {
    const op = OPERATIONS[id];
    return [`\`${id}\``, op.summary, op.permission ? `\`${op.permission}\`` : "—", rolesFor(op.permission), op.rules.join(", ") || "—"];
  });
  // Sorted: module namespace objects list keys in different orders under different loaders.
  const limits = Object.entries(LIMITS)
    .filter(([k]) => k !== "MINUTE" && k !== "HOUR")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [`\`${k}\``, String(v)]);
  return `# Access policy

Generated from \`lib/policy/\` by \`npm run docs:policy\`. Do not edit by hand: a unit test fails
when this file and the code disagree. Every route and page asks this policy on the server; the
interface only hides what it would refuse. Every refusal is written to the access log with its
reason code (below).

## Roles

${table(["role", "what it is for"], ROLES.map((r) => [r, ROLE_DESCRIPTIONS[r]]))}

Conflicting role sets are refused when staff are created or changed, and a staff member who
somehow holds one may do nothing at all:

${ROLE_CONFLICTS.map((c) => `- ${c.role} with any of ${c.conflictsWith.join(", ")}: ${c.why}.`).join("\n")}

## Permissions (roles × permissions)

${table(["permission", ...ROLES, "allows"], (Object.keys(PERMISSIONS) as Permission[]).map((p) => [`\`${p}\``, ...ROLES.map((r) => ((PERMISSIONS[p].roles as readonly string[]).includes(r) ? "✓" : "")), PERMISSIONS[p].summary]))}

## Protected operations

Every API route method and page, the permission it needs and the attribute rules it enforces.
A unit test walks \`app/\` and fails when a route or page is missing here.

${table(["operation", "what", "permission", "roles", "attribute rules"], operations)}

## Purposes and scopes

${table(
  ["purpose", "case basis", "who may use it", "default scope", "second person", "approvers", `widen by ${LIMITS.EXPANSION_STEP}`, "conditions"],
  PURPOSES.map((p) => {
    const r = PURPOSE_RULES[p];
    return [p, r.basis, r.roles.join(", "), scopeText(r.scope), r.alwaysNeedsApproval ? "always" : "when triggered", r.approvers.join(", "), r.expandable ? "yes" : "no (fixed by the request)", r.conditions];
  }),
)}

A grant lasts ${LIMITS.DEFAULT_GRANT_MINUTES} minutes by default (at most ${LIMITS.MAX_GRANT_MINUTES}), counted from
approval when one is needed. It ends at its expiry, when its case is decided, when a lead
revokes it, or when its holder is disabled.

Case bases each role handles (what its queue lists and which cases it may open):

${table(["role", "bases"], ROLES.map((r) => [r, BASES_BY_ROLE[r].join(", ") || "none"]))}

(${BASES.length} bases in all: ${BASES.join(", ")}.)

## Legal basis (instrument × jurisdiction → what may be disclosed)

Beside the permission table: what a legal request's instrument allows, per kind of issuing
jurisdiction and data type. A grant under a legal request opens content only where this table
says so, only after another LEGAL colleague than the one who took the request in verified it, and
only after second-person approval; its scope is the named accounts' conversations within the
request's date range (an EDR: a window of at most ${LIMITS.EMERGENCY_MAX_HOURS} h).

${table(
  ["instrument", "jurisdiction", ...DATA_TYPES, "purpose", "hold", "note"],
  INSTRUMENTS.flatMap((i) =>
    JURISDICTIONS.map((j) => {
      const c = LEGAL_BASIS[i][j];
      return [i, JURISDICTION_LABELS[j], ...DATA_TYPES.map((t) => (c.types.includes(t) ? "✓" : "")), c.purpose ?? "—", c.hold ? "✓" : "", LEGAL_BASIS_NOTES[i]];
    }),
  ),
)}

A request moves only along these steps (\`lib/policy/legal-status.ts\`): *manual* steps are
taken on the request page by a LEGAL specialist (approval never by the one who took it in),
*verification* by recording the verification, *package* by building the disclosure package.
Each is logged. Once a non-disclosure order's end passes, a job raises a "user notice due" task;
recording the notice is logged as \`LEGAL_USER_NOTICE_GIVEN\`.

${table(["from", "may move to"], LEGAL_STATUSES.map((f) => [f, Object.entries(LEGAL_TRANSITIONS[f]).map(([t, k]) => `${t} (${k})`).join(", ") || "— (final)"]))}

## Second-person approval

A request needs a second person when ${Object.values(APPROVAL_TRIGGERS).join("; or when ")}.
It is answered \`202\` and stays pending until an approver of the purpose's approver role — never
the requester — approves it on the approvals page. A request lapses ${LIMITS.APPROVAL_TTL_HOURS} h after it was
made. Requests, approvals, rejections, lapses and refusals are all logged.

## Proactive detection

Leads write the rules (\`rules:manage\`); admins decide per data region whether messages are
scanned at all (\`detection:regions\`). A message is scanned at ingest only when every
participant's region is on; each switch is logged as \`DETECTION_REGION_CHANGED\`, each rule
change as \`RULE_CHANGED\` with the rule before and after. A flag opens a PROACTIVE_FLAG case
(or joins the conversation's open report or flag case) with the priority of the rule's severity.

${table(["region", "scanned by default", "why"], Object.entries(DETECTION_REGION_DEFAULTS).map(([r, on]) => [r, on ? "yes" : "no", DETECTION_REGION_NOTES[r as keyof typeof DETECTION_REGION_NOTES]]))}

${table(["severity", "case priority"], SEVERITIES.map((s) => [s, String(SEVERITY_PRIORITY[s])]))}

## Attribute rules

${table(["rule", "what it requires"], Object.entries(ATTRIBUTE_RULES).map(([k, v]) => [k, v]))}

## Limits

${table(["constant", "value"], limits)}

## Order of checks when reading content

The first failing check names the refusal: disabled → role (and role conflict) → case closed →
case assigned to the reader → data residency → conflict of interest → the reader's own grant
(exists, purpose fits the role, not pending, not ended, not expired) → requested messages in
scope → step-up within ${LIMITS.STEP_UP_MINUTES} minutes → hourly read limit. The read is logged (with the exact
message ids) before anything is decrypted; a refusal is logged with its reason.

## Refusal reasons

${table(["code", "message"], Object.entries(DENIAL_REASONS).map(([k, v]) => [`\`${k}\``, v]))}
`;
}
