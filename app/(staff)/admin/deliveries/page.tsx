import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { defaultExportPeriod } from "@/lib/outbox/export-statements";
import { listUndelivered, UNDELIVERED_LIMIT } from "@/lib/outbox/list-deliveries";
import { DELIVERY_GIVE_UP_HOURS } from "@/lib/policy/limits";
import { AccessRefused } from "@/components/access-refused";
import { DeliveriesTable } from "@/components/admin/deliveries-table";
import { StatementsExportForm } from "@/components/admin/statements-export-form";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage() {
  const { staff, refusal } = await authorizePage("PAGE /admin/deliveries");
  if (refusal) return <AccessRefused title="Deliveries" message={`Decision deliveries are for admins. ${refusal.message}`} />;
  const { items, total, delivered } = await listUndelivered(staff);
  const period = defaultExportPeriod();

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-5">
      <section aria-labelledby="deliveries-heading" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h1 id="deliveries-heading" className="text-base font-semibold">
            Undelivered decisions <span className="font-normal text-zinc-600">({total})</span>
          </h1>
          <p className="text-xs text-zinc-600">
            {delivered} delivered. Each decision is retried with backoff for {DELIVERY_GIVE_UP_HOURS} hours, then given up; a retry is logged.
          </p>
        </div>
        {items.length ? <DeliveriesTable items={items} /> : <EmptyState title="Every decision has been delivered to the platform." />}
        {total > items.length ? <p className="text-xs text-zinc-600">Showing the oldest {UNDELIVERED_LIMIT}.</p> : null}
      </section>
      <section aria-labelledby="sor-heading" className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white px-3 py-3">
        <h2 id="sor-heading" className="text-[13px] font-semibold text-zinc-800">
          Statements of reasons (DSA Art. 17)
        </h2>
        <p className="text-xs text-zinc-600">
          Restricting decisions on EU accounts, in the EU Transparency Database&apos;s API v2 shape. No personal data: no accounts, messages, reports or notes; the facts are a fixed text from
          the category and the action. The export is logged.
        </p>
        <StatementsExportForm defaultFrom={period.from} defaultTo={period.to} />
      </section>
    </div>
  );
}
