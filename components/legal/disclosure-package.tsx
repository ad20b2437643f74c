"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";
import { ErrorNotice } from "../ui/error-notice";

/**
 * Builds the approved request's disclosure package (ADR 028) and saves the ZIP. The server logs
 * EXPORT naming every message and moves the request to DISCLOSED before the first byte; a second
 * build is refused. The call carries x-custody-request like every mutation, so it is a fetch, not
 * a form post; the ZIP (about 60 bytes a message) is handed to the browser as a download.
 */
export function DisclosurePackageButton({ requestId, requestNumber }: { requestId: string; requestNumber: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function build() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/legal/requests/${requestId}/package`, { method: "POST", headers: { "x-custody-request": "1", accept: "application/zip" }, credentials: "same-origin", cache: "no-store" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
        throw new ApiRequestError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `The package was not built (HTTP ${res.status}).`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `disclosure-L${requestNumber}.zip`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setSaved(name);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "The package could not be downloaded. Check the request's status before trying again: it may have been built.");
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" size="sm" pending={pending} onClick={() => void build()} aria-describedby="package-help">
          Build disclosure package
        </Button>
        <p id="package-help" className="text-xs text-zinc-600">
          Once only: logged as EXPORT naming every message, and the request becomes disclosed. Needs a recent authenticator check.
        </p>
      </div>
      <p role="status" className="text-xs text-zinc-700">
        {saved ? `Saved ${saved}. The recipient checks it with npm run audit:verify -- --package.` : ""}
      </p>
      {error ? <ErrorNotice title="No package built">{error}</ErrorNotice> : null}
    </div>
  );
}
