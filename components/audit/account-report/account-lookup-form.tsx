import { buttonClasses } from "../../ui/button-styles";
import { Input } from "../../ui/controls";
import { Field } from "../../ui/field";

/** Which account, and optionally which dates: a GET form, so a report is a URL. */
export function AccountLookupForm({ account, from, to, error }: { account?: string; from?: string; to?: string; error?: string }) {
  return (
    <form method="get" action="/audit/accounts" aria-label="Find a platform account" className="flex flex-wrap items-start gap-3 rounded-md border border-zinc-200 bg-white px-3 py-2">
      <Field id="report-account" label="Platform account" hint="Handle (with or without @), the platform's account id, or Custody's id" error={error}>
        {(c) => <Input {...c} name="account" required defaultValue={account} autoComplete="off" spellCheck={false} className="w-72" />}
      </Field>
      <Field id="report-from" label="From (UTC)">
        {(c) => <Input {...c} name="from" type="date" defaultValue={from} className="w-36" />}
      </Field>
      <Field id="report-to" label="To (UTC)">
        {(c) => <Input {...c} name="to" type="date" defaultValue={to} className="w-36" />}
      </Field>
      <button type="submit" className={buttonClasses("primary", "md", "mt-[22px]")}>
        Show report
      </button>
    </form>
  );
}
