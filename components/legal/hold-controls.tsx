"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";

type Action = { path: string; body?: unknown };

function useAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function run({ path, body }: Action) {
    setPending(true);
    setError(null);
    try {
      await apiFetch(path, { method: "POST", body: body ?? {} });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not save. Try again.");
    }
    setPending(false);
  }
  return { run, error, pending };
}

/** Place a hold on the request's named accounts. A hold stops the retention sweep; it never grants access. */
export function PlaceHoldForm({ requestId }: { requestId: string }) {
  const { run, error, pending } = useAction();
  const [kind, setKind] = useState("PRESERVATION");
  const [reason, setReason] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ path: "/api/v1/legal/holds", body: { kind, reason: reason.trim(), requestId } });
      }}
    >
      <Field id="hold-kind" label="Hold">
        {(c) => (
          <Select {...c} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="PRESERVATION">Preservation request (90 days, renewable once)</option>
            <option value="NCMEC_REPORT">NCMEC CyberTipline report (1 year)</option>
          </Select>
        )}
      </Field>
      <Field id="hold-reason" label="Reason" className="min-w-64 flex-1">
        {(c) => <Input {...c} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} maxLength={2000} />}
      </Field>
      <Button type="submit" pending={pending}>
        Place hold
      </Button>
      {error ? <ErrorNotice title="Hold not placed" className="w-full">{error}</ErrorNotice> : null}
    </form>
  );
}

export function HoldActions({ holdId }: { holdId: string }) {
  const { run, error, pending } = useAction();
  return (
    <div className="flex flex-wrap gap-1.5">
      <Button size="sm" pending={pending} onClick={() => void run({ path: `/api/v1/legal/holds/${holdId}/renew` })}>
        Renew
      </Button>
      <Button size="sm" variant="ghost" pending={pending} onClick={() => void run({ path: `/api/v1/legal/holds/${holdId}/release`, body: { reason: "Released from the request page" } })}>
        Release
      </Button>
      {error ? <p role="alert" className="text-xs text-red-800">{error}</p> : null}
    </div>
  );
}
