import { Input, Select } from "../ui/controls";
import { buttonClasses } from "../ui/button-styles";

/**
 * Downloads the DSA statements of reasons for a period (a plain GET form, so the browser saves
 * the file). The export is logged; it holds no personal data.
 */
export function StatementsExportForm({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  return (
    <form method="get" action="/api/v1/admin/statements-of-reasons" className="flex flex-wrap items-end gap-3" aria-labelledby="sor-heading">
      <label className="flex flex-col gap-1 text-[13px] font-medium text-zinc-800" htmlFor="sor-from">
        From
        <Input id="sor-from" type="date" name="from" defaultValue={defaultFrom} required />
      </label>
      <label className="flex flex-col gap-1 text-[13px] font-medium text-zinc-800" htmlFor="sor-to">
        To (inclusive)
        <Input id="sor-to" type="date" name="to" defaultValue={defaultTo} required />
      </label>
      <label className="flex flex-col gap-1 text-[13px] font-medium text-zinc-800" htmlFor="sor-format">
        Format
        <Select id="sor-format" name="format" defaultValue="json">
          <option value="json">JSON ({"{ statements: [...] }"})</option>
          <option value="jsonl">JSON lines</option>
        </Select>
      </label>
      <button type="submit" className={buttonClasses("secondary", "md")}>
        Export statements
      </button>
    </form>
  );
}
