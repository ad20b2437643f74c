import { buttonClasses } from "../ui/button-styles";

/**
 * Downloads of the filtered range through the export endpoint, which logs the export and signs
 * a manifest. Plain links: the browser streams the file to disk, however large the range.
 */
export function ExportLinks({ query }: { query: string }) {
  const href = (format: "jsonl" | "csv") => `/api/v1/audit/export?${new URLSearchParams([...new URLSearchParams(query), ["format", format]]).toString()}`;
  return (
    <div role="group" aria-label="Export these events" className="flex items-center gap-2">
      <span className="text-[13px] text-zinc-600">Export all matching</span>
      <a href={href("jsonl")} download className={buttonClasses("secondary", "sm")}>
        JSONL (verifiable)
      </a>
      <a href={href("csv")} download className={buttonClasses("secondary", "sm")}>
        CSV
      </a>
      <a href="/audit/verification#exports" className="text-[13px]">
        Signed manifests
      </a>
    </div>
  );
}
