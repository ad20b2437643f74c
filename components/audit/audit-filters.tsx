import Link from "next/link";
import { ACTIONS } from "@/lib/log/events/actions";
import { AUDIT_OUTCOMES, type FilterKey } from "@/lib/audit/search/search-filters";
import { PURPOSES } from "@/lib/policy/purposes";
import { ROLES } from "@/lib/policy/roles";
import { PURPOSE_LABEL, ROLE_LABEL } from "../labels";
import { buttonClasses } from "../ui/button-styles";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";

export type AuditFilterValues = Partial<Record<FilterKey, string>>;
export type AuditFilterErrors = Partial<Record<FilterKey, string>>;

const OUTCOME_LABEL = { ALLOWED: "Allowed", DENIED: "Denied", FAILED: "Failed" } as const;

type Props = { values: AuditFilterValues; errors?: AuditFilterErrors; staffEmails: string[] };

/**
 * A plain GET form, so a filtered view is a URL an auditor can bookmark, cite in a report or
 * hand to the export. Every control is labelled; errors are tied to their field.
 */
export function AuditFilters({ values, errors = {}, staffEmails }: Props) {
  const text = (key: FilterKey, label: string, width: string, extra: { mono?: boolean; hint?: string; placeholder?: string; type?: string } = {}) => (
    <Field id={`audit-${key}`} label={label} error={errors[key]}>
      {(c) => (
        <Input
          {...c}
          name={key}
          type={extra.type ?? "text"}
          defaultValue={values[key]}
          placeholder={extra.placeholder}
          autoComplete="off"
          spellCheck={false}
          className={`${width}${extra.mono ? " font-mono text-[13px]" : ""}`}
          list={key === "actor" ? "audit-staff" : undefined}
        />
      )}
    </Field>
  );
  const select = (key: FilterKey, label: string, any: string, options: readonly string[], labelOf: (v: string) => string = (v) => v) => (
    <Field id={`audit-${key}`} label={label} error={errors[key]}>
      {(c) => (
        <Select {...c} name={key} defaultValue={values[key] ?? ""}>
          <option value="">{any}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {labelOf(o)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );

  return (
    <form method="get" action="/audit" aria-label="Filter access log" className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-white px-3 py-2">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        {text("actor", "Actor", "w-56", { placeholder: "email, name or id" })}
        {select("role", "Actor role", "Any role", ROLES, (r) => ROLE_LABEL[r as keyof typeof ROLE_LABEL])}
        {select("action", "Action", "Any action", ACTIONS)}
        {select("outcome", "Outcome", "Any outcome", AUDIT_OUTCOMES, (o) => OUTCOME_LABEL[o as keyof typeof OUTCOME_LABEL])}
        {select("purpose", "Purpose", "Any purpose", PURPOSES, (p) => PURPOSE_LABEL[p as keyof typeof PURPOSE_LABEL])}
        {text("from", "From (UTC)", "w-36", { type: "date" })}
        {text("to", "To (UTC)", "w-36", { type: "date" })}
      </div>
      <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
        {text("case", "Case", "w-40", { mono: true, placeholder: "#1042 or id" })}
        {text("conversation", "Conversation id", "w-72", { mono: true })}
        {text("account", "Platform account", "w-48", { placeholder: "@handle or id" })}
        {text("q", "Justification contains", "w-64", { placeholder: "at least 3 characters" })}
        <div className="flex items-center gap-3 pb-px">
          <button type="submit" className={buttonClasses("primary", "md")}>
            Filter
          </button>
          <Link href="/audit" className="text-[13px]">
            Clear filters
          </Link>
        </div>
      </div>
      <datalist id="audit-staff">
        {staffEmails.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
    </form>
  );
}
