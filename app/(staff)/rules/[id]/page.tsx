import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { authorizePageOnce } from "@/lib/auth/authorize";
import { getRule } from "@/lib/detection/rules";
import { NotFoundError } from "@/lib/errors";
import { AccessRefused } from "@/components/access-refused";
import { RuleForm } from "@/components/rules/rule-form";
import { RuleHistory } from "@/components/rules/rule-history";

// The rule once per render: the page and its title ("Rule grooming-phrases · Detection rules") share it.
const loadRule = cache(async (id: string) => {
  const { staff, refusal } = await authorizePageOnce("PAGE /rules/{id}");
  if (refusal) return { refusal, rule: null };
  const rule = await getRule(staff, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  return { refusal, rule };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { rule } = await loadRule((await params).id);
  return { title: rule ? `Rule ${rule.name} · Detection rules` : "Detection rule" };
}

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { refusal, rule } = await loadRule(id);
  if (refusal) return <AccessRefused title="Detection rules" message={`Detection rules are managed by leads. ${refusal.message}`} />;
  if (!rule) notFound();

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <Link href="/rules" className="text-[13px]">
        ← All rules
      </Link>
      <h1 className="text-base font-semibold">
        {rule.name}{" "}
        <span className="font-normal text-zinc-600">
          version {rule.version} · {rule.enabled ? "enabled" : "off"} · {rule.flags} {rule.flags === 1 ? "flag" : "flags"} raised
        </span>
      </h1>
      {/* Keyed by id only, so the "Saved as version n" confirmation survives the refresh after a save. */}
      <RuleForm key={rule.id} rule={rule} />
      <RuleHistory history={rule.history} />
    </div>
  );
}
