"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { MIN_VERIFICATION_NOTE } from "@/lib/policy/limits";
import type { LegalStatus } from "@/lib/policy/legal-status";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";

const STEP_LABEL: Partial<Record<LegalStatus, string>> = {
  VERIFYING: "Start verifying",
  RECEIVED: "Back to received",
  APPROVED: "Approve for disclosure",
  CLOSED: "Close the request",
};

function usePost() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function post(path: string, body: unknown) {
    setPending(true);
    setError(null);
    try {
      await apiFetch(path, { method: "POST", body });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not save. Try again.");
    }
    setPending(false);
  }
  return { post, error, pending };
}

/** The manual steps the status table allows from here (lib/policy/legal-status.ts); the server decides again, four-eyes included. */
export function StatusSteps({ requestId, targets }: { requestId: string; targets: LegalStatus[] }) {
  const { post, error, pending } = usePost();
  const [note, setNote] = useState("");
  if (targets.length === 0) return <p className="text-xs text-zinc-600">No further step: this request is final.</p>;
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const to = ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
        if (to) void post(`/api/v1/legal/requests/${requestId}/status`, { to, ...(note.trim() ? { note: note.trim() } : {}) });
      }}
    >
      <Field id="status-note" label="Note (optional, logged)">
        {(c) => <Input {...c} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        {targets.map((t) => (
          <Button key={t} type="submit" size="sm" value={t} variant={t === "APPROVED" ? "primary" : t === "CLOSED" ? "ghost" : "secondary"} pending={pending}>
            {STEP_LABEL[t] ?? t}
          </Button>
        ))}
      </div>
      {error ? <ErrorNotice title="Status not changed">{error}</ErrorNotice> : null}
    </form>
  );
}

/** Record that the user has been told, once the non-disclosure order ended. Once only; the server refuses a second time (409). */
export function UserNoticeForm({ noticeId, label }: { noticeId: string; label: string }) {
  const { post, error, pending } = usePost();
  const [note, setNote] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void post(`/api/v1/legal/notices/${noticeId}/given`, { note: note.trim() });
      }}
    >
      <Field id={`notice-${noticeId}`} label={`How the user was told (${label})`} className="min-w-64 flex-1">
        {(c) => <Input {...c} value={note} onChange={(e) => setNote(e.target.value)} required minLength={MIN_VERIFICATION_NOTE} maxLength={2000} />}
      </Field>
      <Button type="submit" size="sm" variant="primary" pending={pending}>
        Mark notice given
      </Button>
      {error ? <ErrorNotice title="Not recorded" className="w-full">{error}</ErrorNotice> : null}
    </form>
  );
}
