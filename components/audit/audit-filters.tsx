import Link from "next/link";
import { Field } from "../ui/field";
import { Input, Select } from "../ui/controls";
import { buttonClasses } from "../ui/button-styles";

export const AUDIT_ACTIONS = [
  "CONTENT_READ",
  "GRANT_REQUESTED",
  "GRANT_APPROVED",
  "GRANT_REVOKED",
  "CASE_CLAIMED",
  "CASE_DECIDED",
  "SIGN_IN",
  "SIGN_IN_FAILED",
  "SIGN_OUT",
] as const;

export const AUDIT_OUTCOMES = ["ALLOWED", "DENIED", "FAILED"] as const;

export type AuditFilterValues = { actor?: string; action?: string; outcome?: string; caseId?: string; from?: string; to?: string };

/** A plain GET form, so a filtered view is a URL an auditor can bookmark or cite. */
export function AuditFilters({ values }: { values: AuditFilterValues }) {
  return (
    <form method="get" action="/audit" aria-label="Filter access log" className="flex flex-wrap items-end gap-3 rounded-md border border-zinc-200 bg-white px-3 py-2">
      <Field id="audit-actor" label="Actor email">
        {(c) => <Input {...c} name="actor" type="text" inputMode="email" autoComplete="off" defaultValue={values.actor} className="w-52" spellCheck={false} />}
      </Field>
      <Field id="audit-action" label="Action">
        {(c) => (
          <Select {...c} name="action" defaultValue={values.action ?? ""}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="audit-outcome" label="Outcome">
        {(c) => (
          <Select {...c} name="outcome" defaultValue={values.outcome ?? ""}>
            <option value="">Any outcome</option>
            <option value="ALLOWED">Allowed</option>
            <option value="DENIED">Denied</option>
            <option value="FAILED">Failed</option>
          </Select>
        )}
      </Field>
      <Field id="audit-case" label="Case ID">
        {(c) => <Input {...c} name="caseId" defaultValue={values.caseId} className="w-44 font-mono" spellCheck={false} />}
      </Field>
      <Field id="audit-from" label="From (UTC)">
        {(c) => <Input {...c} name="from" type="date" defaultValue={values.from} />}
      </Field>
      <Field id="audit-to" label="To (UTC)">
        {(c) => <Input {...c} name="to" type="date" defaultValue={values.to} />}
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClasses("primary", "md")}>
          Filter
        </button>
        <Link href="/audit" className="text-[13px]">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
