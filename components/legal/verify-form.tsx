"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { MIN_VERIFICATION_NOTE } from "@/lib/policy/limits";
import { Button } from "../ui/button";
import { Select, Textarea } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";
import { METHOD_LABEL } from "./legal-labels";

/** Record the verification. The server refuses the colleague who took the request in (403), whatever this form shows. */
export function VerifyForm({ requestId }: { requestId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/legal/requests/${requestId}/verification`, {
        method: "POST",
        body: { method: String(form.get("method")), passed: submitter?.value === "pass", note: String(form.get("note") ?? "").trim() },
      });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not record the verification. Try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <Field id="verify-method" label="Method">
        {(c) => (
          <Select {...c} name="method" defaultValue="CALLBACK">
            {Object.entries(METHOD_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="verify-note" label="What you checked, against what" hint={`At least ${MIN_VERIFICATION_NOTE} characters.`}>
        {(c) => <Textarea {...c} name="note" required minLength={MIN_VERIFICATION_NOTE} maxLength={2000} />}
      </Field>
      {error ? <ErrorNotice title="Not recorded">{error}</ErrorNotice> : null}
      <div className="flex gap-2">
        <Button type="submit" value="pass" variant="primary" pending={pending}>
          Verified
        </Button>
        <Button type="submit" value="fail" variant="danger" pending={pending}>
          Failed verification: reject
        </Button>
      </div>
    </form>
  );
}
