"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { apiRequest, ApiRequestError } from "@/lib/client/api";
import { EXPANSION_STEP, MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { Button } from "../ui/button";
import { Textarea } from "../ui/controls";
import { Notice } from "../ui/error-notice";
import { Field } from "../ui/field";

/**
 * "Show EXPANSION_STEP earlier / later messages": widening the scope is a justified, logged step, so the
 * button opens a short form rather than loading more at once. 200 widens the grant and the
 * thread reloads (a new logged read); 202 means the wider scope needs a second person.
 */
export function ScopeExpander({ caseId, grantId, direction }: { caseId: string; grantId: string; direction: "earlier" | "later" }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [awaiting, setAwaiting] = useState(false);
  const label = `Show ${EXPANSION_STEP} ${direction} messages`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (justification.trim().length < MIN_JUSTIFICATION) {
      setError(`Say why you need the ${direction} messages (at least ${MIN_JUSTIFICATION} characters).`);
      return;
    }
    setError(null);
    setPending(true);
    try {
      const { status } = await apiRequest(`/api/v1/grants/${encodeURIComponent(grantId)}/scope`, { method: "POST", body: { direction, justification: justification.trim() } });
      setPending(false);
      setOpen(false);
      setJustification("");
      if (status === 202) setAwaiting(true);
      else await queryClient.invalidateQueries({ queryKey: ["case-messages", caseId] });
    } catch (err) {
      setPending(false);
      setError(err instanceof ApiRequestError ? err.message : "Could not widen the scope. Try again.");
    }
  }

  if (awaiting) {
    return (
      <Notice title="Wider scope requested" className="mx-3 my-1 text-[13px]">
        A lead must approve it; until then you keep your current scope.
      </Notice>
    );
  }
  if (!open) {
    return (
      <div className="flex justify-center py-1">
        <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-expanded={false} data-shortcut={direction}>
          {label}…
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mx-3 my-1 flex flex-col gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2" aria-label={label}>
      <Field id={`${id}-why`} label={`Why do you need the ${direction} messages?`} required error={error} hint="Logged with the widened scope.">
        {(control) => <Textarea {...control} rows={2} value={justification} onChange={(e) => setJustification(e.target.value)} autoFocus />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="primary" pending={pending}>
          {pending ? "Widening…" : label}
        </Button>
        <Button size="sm" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
