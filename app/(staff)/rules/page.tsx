import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { listRules } from "@/lib/detection/rules";
import { AccessRefused } from "@/components/access-refused";
import { EmptyState } from "@/components/ui/empty-state";
import { RuleForm } from "@/components/rules/rule-form";
import { RulesTable } from "@/components/rules/rules-table";

export const metadata: Metadata = { title: "Detection rules" };

export default async function RulesPage() {
  const { staff, refusal } = await authorizePage("PAGE /rules");
  if (refusal) return <AccessRefused title="Detection rules" message={`Detection rules are managed by leads. ${refusal.message}`} />;
  const { rulesetVersion, rules } = await listRules(staff);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-5">
      <section aria-labelledby="rules-heading" className="flex flex-col gap-2">
        <div className="flex items-baseline justify-between gap-4">
          <h1 id="rules-heading" className="text-base font-semibold">
            Detection rules <span className="font-normal text-zinc-600">({rules.length})</span>
          </h1>
          <p className="text-xs text-zinc-600">
            Rule set version <span className="font-medium tabular-nums text-zinc-800">#{rulesetVersion}</span>. Every change is a new version, logged with the rule before and after. Rules run on new messages at ingest, never on stored ones.
          </p>
        </div>
        {rules.length ? <RulesTable rules={rules} /> : <EmptyState title="No rules yet">Create one below; it applies to messages ingested from then on.</EmptyState>}
      </section>
      <details className="rounded-md border border-zinc-200 bg-white px-3 py-2">
        <summary className="cursor-pointer text-[13px] font-semibold text-zinc-800">New rule</summary>
        <div className="pt-3">
          <RuleForm />
        </div>
      </details>
    </div>
  );
}
